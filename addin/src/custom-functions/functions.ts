/**
 * The custom functions' registration (docs/architecture.md, "Custom functions"): the entry of functions.js,
 * loaded by functions.html in Excel's custom-functions runtime. The JSDoc below is the metadata's source:
 * scripts/build-addin.ts runs Microsoft's custom-functions-metadata over this file to write functions.json
 * (ids, Vietnamese descriptions and parameter help); the namespace BAOCAO comes from the manifest. The only
 * file that touches CustomFunctions; the logic is baocao.ts. The parameters have Vietnamese names because
 * Excel shows them to the user in the formula's tooltip.
 */
import type { ValueErrorKind, ValueResult } from '../../../shared/src';
import { ApiClient } from '../api/client';
import { defaultStorage } from '../queue/submission-queue';
import { PollerRegistry, queries, streamQuery, type FunctionsEnv, type StreamingCell } from './baocao';
import { contextReader } from './session';
import { ValuesPoller } from './values-poller';

const clock = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h: unknown) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

const readContext = contextReader(defaultStorage(), () => Date.now());

const registry: PollerRegistry = new PollerRegistry((context, token) => {
  const api = new ApiClient({
    baseUrl: context.apiBaseUrl,
    // The newest token the pane left for this user (it renews an SSO token as it uses it).
    getToken: async () => {
      const now = await readContext();
      if (now) registry.tokenFor(now);
      return token();
    },
    lang: context.lang,
  });
  return new ValuesPoller((qs, etag) => api.values(context.campaignId, qs, etag), clock);
});

const env: FunctionsEnv = {
  context: readContext,
  pollerFor: (context) => registry.pollerFor(context),
  makeError: (kind: ValueErrorKind, message: string) =>
    new CustomFunctions.Error(
      kind === 'invalid' ? CustomFunctions.ErrorCode.invalidValue : CustomFunctions.ErrorCode.notAvailable,
      message,
    ) as unknown as Error,
};

const asCell = (invocation: CustomFunctions.StreamingInvocation<string | number | boolean>) =>
  invocation as unknown as StreamingCell<ValueResult>;

/**
 * Tổng của một chỉ tiêu trong một kỳ: toàn tỉnh, một đơn vị cùng các đơn vị trực thuộc, hoặc một khối; cộng theo cách tổng hợp của chỉ tiêu. Tự cập nhật khi các đơn vị nộp báo cáo.
 * @customfunction TONG
 * @param chiTieu Chỉ tiêu: mã (ví dụ participants) hoặc tên chỉ tiêu.
 * @param ky Kỳ báo cáo: mã (ví dụ 2022-H1) hoặc tên kỳ.
 * @param [donViHoacKhoi] Đơn vị (mã hoặc tên) hoặc khối; để trống là toàn tỉnh.
 * @param invocation Ô công thức.
 */
export function tong(
  chiTieu: string,
  ky: string,
  donViHoacKhoi: string,
  invocation: CustomFunctions.StreamingInvocation<string | number | boolean>,
): void {
  streamQuery(env, queries.total(chiTieu, ky, donViHoacKhoi), asCell(invocation));
}

/**
 * Số liệu mới nhất của một đơn vị cho một chỉ tiêu trong một kỳ. Tự cập nhật khi đơn vị nộp lại.
 * @customfunction GIATRI
 * @param chiTieu Chỉ tiêu: mã hoặc tên chỉ tiêu.
 * @param ky Kỳ báo cáo: mã hoặc tên kỳ.
 * @param donVi Đơn vị: mã (ví dụ PC06) hoặc tên đơn vị.
 * @param invocation Ô công thức.
 */
export function giatri(
  chiTieu: string,
  ky: string,
  donVi: string,
  invocation: CustomFunctions.StreamingInvocation<string | number | boolean>,
): void {
  streamQuery(env, queries.value(chiTieu, ky, donVi), asCell(invocation));
}

/**
 * Tổng của một chỉ tiêu trong cùng kỳ năm trước (toàn tỉnh, một đơn vị hoặc một khối).
 * @customfunction CUNGKY
 * @param chiTieu Chỉ tiêu: mã hoặc tên chỉ tiêu.
 * @param ky Kỳ báo cáo năm nay: mã hoặc tên kỳ.
 * @param [donViHoacKhoi] Đơn vị (mã hoặc tên) hoặc khối; để trống là toàn tỉnh.
 * @param invocation Ô công thức.
 */
export function cungky(
  chiTieu: string,
  ky: string,
  donViHoacKhoi: string,
  invocation: CustomFunctions.StreamingInvocation<string | number | boolean>,
): void {
  streamQuery(env, queries.lastYear(chiTieu, ky, donViHoacKhoi), asCell(invocation));
}

/**
 * Tiến độ nộp báo cáo của một kỳ: phải nộp, đã nộp, đúng hạn, nộp muộn, chưa nộp (một hàng năm ô); hoặc một số nếu ghi tình trạng.
 * @customfunction TIENDO
 * @param ky Kỳ báo cáo: mã hoặc tên kỳ.
 * @param [tinhTrang] Tình trạng: Phải nộp, Đã nộp, Đúng hạn, Nộp muộn hoặc Chưa nộp; để trống là cả năm số.
 * @param invocation Ô công thức.
 */
export function tiendo(
  ky: string,
  tinhTrang: string,
  invocation: CustomFunctions.StreamingInvocation<number[][]>,
): void {
  const cell = invocation as unknown as StreamingCell<ValueResult>;
  streamQuery(env, queries.progress(ky, tinhTrang), {
    get isInValuePreview() {
      return cell.isInValuePreview;
    },
    set onCanceled(fn: (() => void) | undefined) {
      cell.onCanceled = fn;
    },
    // The metadata says matrix: one number is a 1 × 1 array.
    setResult: (v) => cell.setResult(typeof v === 'number' ? [[v]] : v),
  });
}

/**
 * Tình trạng báo cáo của một đơn vị trong một kỳ, như trong lịch báo cáo của đơn vị (Chưa đến kỳ, Đang mở, Quá hạn, Đã nộp, Trả lại để sửa, Đã duyệt).
 * @customfunction TRANGTHAI
 * @param ky Kỳ báo cáo: mã hoặc tên kỳ.
 * @param donVi Đơn vị: mã hoặc tên đơn vị.
 * @param invocation Ô công thức.
 */
export function trangthai(
  ky: string,
  donVi: string,
  invocation: CustomFunctions.StreamingInvocation<string | number | boolean>,
): void {
  streamQuery(env, queries.state(ky, donVi), asCell(invocation));
}

/** The JavaScript function of each id in functions.json. */
export const FUNCTIONS = { TONG: tong, GIATRI: giatri, CUNGKY: cungky, TIENDO: tiendo, TRANGTHAI: trangthai };

if (typeof CustomFunctions !== 'undefined') {
  for (const [id, fn] of Object.entries(FUNCTIONS)) CustomFunctions.associate(id, fn);
}
