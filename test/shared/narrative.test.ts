/**
 * The narrative report as a pure function of the roll-up (shared/src/report/narrative.ts), on a
 * demo-like period of each seed campaign: the header of NĐ 30/2020, the completeness sentence, the
 * province totals in Vietnamese number style with the same period last year, units' words quoted
 * exactly, sections III and V from the units' difficulties and proposals.
 */
import {
  buildNarrativeReport,
  documentText,
  formatNumber,
  type ReportDocument,
  type ReportParagraph,
  type ReportRole,
} from '../../shared/src';
import { demoLikeInput, QUOTED_DIFFICULTY } from '../support/report-fixture';

const paragraphsOf = (doc: ReportDocument): ReportParagraph[] =>
  doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b] : b.rows.flatMap(([l, r]) => [...l, ...r])));
const textOf = (p: ReportParagraph) => p.runs.map((r) => (r.quoted ? `“${r.text}”` : r.text)).join('');
const withRole = (doc: ReportDocument, role: ReportRole) => paragraphsOf(doc).filter((p) => p.role === role);

describe('Vietnamese numbers', () => {
  test.each([
    [1400, '1.400'],
    [5222, '5.222'],
    [87.76, '87,76'],
    [17500, '17.500'],
    [0.3, '0,3'],
    [635200000, '635.200.000'],
  ])('%d → %s', (n, text) => expect(formatNumber(n)).toBe(text));
  test('English keeps its own style', () => expect(formatNumber(1400.5, 'en')).toBe('1,400.5'));
});

describe('the police campaign, 2022-H1 (demo-like)', () => {
  const { input, rollup, missing, bundle } = demoLikeInput();
  const doc = buildNarrativeReport(input);
  const text = documentText(doc);
  const lines = text.split('\n');
  const unitName = (id: string) => bundle.units.find((u) => u.id === id)!.name;

  test('the header of NĐ 30/2020: body names left, Quốc hiệu and Tiêu ngữ right, number, place and date', () => {
    const header = doc.blocks[0]!;
    expect(header.kind).toBe('columns');
    if (header.kind !== 'columns') return;
    const [[left, right], [numberCell, dateCell]] = header.rows as [
      [ReportParagraph[], ReportParagraph[]],
      [ReportParagraph[], ReportParagraph[]],
    ];
    expect(left.map((p) => [p.role, textOf(p)])).toEqual([
      ['superior', 'CÔNG AN TỈNH LẠNG SƠN'],
      ['issuer', 'PHÒNG CÔNG TÁC ĐẢNG VÀ CÔNG TÁC CHÍNH TRỊ'],
    ]);
    expect(right.map(textOf)).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(textOf(numberCell[0]!)).toMatch(/^Số: +\/BC-PX03$/);
    expect(textOf(dateCell[0]!)).toMatch(/^Lạng Sơn, ngày +tháng +năm 2022$/);
    expect(withRole(doc, 'docType').map(textOf)).toEqual(['BÁO CÁO']);
    expect(withRole(doc, 'subject').map(textOf)).toEqual([
      'Kết quả thực hiện Phong trào “Nụ cười chiến sĩ” trong Công an Lạng Sơn6 tháng đầu năm 2022',
    ]);
    expect(text).toContain(
      'Kết quả thực hiện Phong trào “Nụ cười chiến sĩ” trong Công an Lạng Sơn\n6 tháng đầu năm 2022',
    );
  });

  test('sections I to V in order, then Nơi nhận and the signer', () => {
    expect(withRole(doc, 'heading1').map(textOf)).toEqual([
      'I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN',
      'II. KẾT QUẢ THỰC HIỆN',
      'III. TỒN TẠI, HẠN CHẾ',
      'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI',
      'V. ĐỀ XUẤT, KIẾN NGHỊ',
    ]);
    expect(withRole(doc, 'recipientsTitle').map(textOf)).toEqual(['Nơi nhận:']);
    expect(withRole(doc, 'recipient').map(textOf).at(-1)).toBe('- Lưu: VT, PX03.');
    expect(withRole(doc, 'signerTitle').map(textOf)).toEqual(['TRƯỞNG PHÒNG']);
  });

  test('completeness and timeliness: 36/40 units, who is late, who is missing', () => {
    const c = rollup.completeness;
    expect([c.submitted, c.expected, c.missing.length]).toEqual([36, 40, 4]);
    expect(text).toContain(
      'Tính đến ngày 20/06/2022, có 36/40 đơn vị đã gửi báo cáo kết quả thực hiện, đạt 90%.',
    );
    expect(text).toContain(
      `Trong đó, ${c.onTime} đơn vị gửi báo cáo đúng thời hạn (trước ngày 15/06/2022); ${c.late} đơn vị gửi sau thời hạn quy định.`,
    );
    expect(text).toContain(`Còn 4 đơn vị chưa gửi báo cáo: ${missing.map(unitName).join(', ')}.`);
    for (const u of rollup.units.filter((x) => !x.onTime))
      expect(lines.find((l) => l.startsWith('Các đơn vị gửi báo cáo muộn'))).toContain(u.name);
  });

  test('section II follows the template: each section with its totals, in Vietnamese numbers, compared with 2021', () => {
    const headings = withRole(doc, 'heading2').map(textOf);
    expect(headings.slice(0, 7)).toEqual([
      '1. Sinh hoạt chính trị, quán triệt nội dung Phong trào',
      '2. Xây dựng hình ảnh “Nụ cười chiến sĩ”',
      '3. Bồi dưỡng chuyên môn, nghiệp vụ, kỹ năng giao tiếp, ứng xử',
      '4. Diễn đàn “Công an lắng nghe ý kiến Nhân dân” và cải cách thủ tục hành chính',
      '5. Vai trò nêu gương, vai trò của đoàn thể và công tác thi đua, khen thưởng',
      '6. Công tác tuyên truyền',
      '7. Hoạt động xã hội, từ thiện, nhân đạo',
    ]);
    expect(headings).toEqual(expect.arrayContaining(['9. Mô hình', '10. Người tốt, việc tốt']));
    const line = (label: string) => lines.find((l) => l.startsWith(`- ${label}: `))!;
    const total = (key: string) => rollup.totals[key] as number;
    const before = (key: string) => rollup.previous!.totals[key] as number;
    const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    for (const [key, label, unit] of [
      ['id_cards_issued', 'Số thẻ Căn cước đã cấp', 'thẻ'],
      ['participants', 'Số lượt cán bộ, chiến sĩ tham gia', 'lượt'],
      ['charity_value_vnd', 'Tổng giá trị hoạt động từ thiện, nhân đạo', 'đồng'],
    ] as const) {
      const sum = rollup.units.reduce((s, u) => s + ((u.values[key] as number | undefined) ?? 0), 0);
      expect(total(key)).toBe(sum);
      expect(total(key)).toBeGreaterThan(1000);
      const diff = total(key) - before(key);
      const rate = formatNumber((Math.abs(diff) / before(key)) * 100);
      expect(line(label)).toBe(
        `- ${label}: ${grouped(total(key))} ${unit}, ${diff > 0 ? 'tăng' : 'giảm'} ${grouped(Math.abs(diff))} ${unit} (${rate}%) so với cùng kỳ năm 2021${line(label).endsWith('.') ? '.' : ';'}`,
      );
    }
    // The self-assessment's distribution in the roll-up, on the scale of results v2.
    expect(line('Đơn vị tự đánh giá mức độ hoàn thành nhiệm vụ')).toMatch(
      /^- Đơn vị tự đánh giá mức độ hoàn thành nhiệm vụ: Hoàn thành (xuất sắc|tốt) nhiệm vụ \d+ đơn vị/,
    );
  });

  test('models by name and good deeds, quoted, with the unit that reported them', () => {
    const models = rollup.tableRows.models!;
    expect(models.length).toBeGreaterThan(30);
    for (const m of models.slice(0, 5))
      expect(
        lines.some((l) =>
          l.startsWith(`- ${unitName(m.unitId)}: “${m.name as string}” (Khẩu hiệu: “${m.slogan as string}”`),
        ),
      ).toBe(true);
    expect(text).toContain(`Các đơn vị báo cáo ${models.length} nội dung, cụ thể:`);
    const deeds = rollup.tableRows.good_deeds!;
    expect(deeds.length).toBeGreaterThan(0);
    for (const d of deeds) {
      const [y, m, day] = (d.date as string).split('-');
      expect(text).toContain(
        `- ${unitName(d.unitId)}: ngày ${day}/${m}/${y} (Người thực hiện: “${d.person as string}”; Việc làm: “${d.description as string}”)`,
      );
    }
  });

  test('units’ free text is quoted exactly: difficulties in III, proposals in V, highlights in II', () => {
    const difficulties = rollup.totals.difficulties as { unitId: string; value: string }[];
    expect(difficulties.length).toBeGreaterThan(2);
    expect(text).toContain(`- ${unitName(rollup.units[1]!.unitId)}: “${QUOTED_DIFFICULTY}”`);
    const iii = text.slice(text.indexOf('III. TỒN TẠI'), text.indexOf('IV. PHƯƠNG HƯỚNG'));
    for (const d of difficulties) expect(iii).toContain(`${unitName(d.unitId)}: “${d.value}”`);
    expect(iii).toContain('4 đơn vị chưa gửi báo cáo');
    const v = text.slice(text.indexOf('V. ĐỀ XUẤT'));
    for (const p of rollup.totals.proposals as { unitId: string; value: string }[])
      expect(v).toContain(`${unitName(p.unitId)}: “${p.value}”`);
    const ii = text.slice(text.indexOf('II. KẾT QUẢ'), text.indexOf('III. TỒN TẠI'));
    for (const h of rollup.totals.highlights as { unitId: string; value: string }[])
      expect(ii).toContain(`${unitName(h.unitId)}: “${h.value}”`);
    expect(ii).not.toContain(QUOTED_DIFFICULTY);
  });

  test('section IV names the missing units and the next deadline; the text closes with ./.', () => {
    const iv = text.slice(text.indexOf('IV. PHƯƠNG HƯỚNG'), text.indexOf('V. ĐỀ XUẤT'));
    expect(iv).toContain(`Đôn đốc ${missing.map(unitName).join(', ')} gửi báo cáo`);
    expect(iv).toContain('Các đơn vị gửi báo cáo quý III (9 tháng) năm 2022 về PX03 trước ngày 15/09/2022.');
    expect(iv).toContain('phương châm “5 xin”, “5 luôn”, “3 giảm”');
    expect(withRole(doc, 'body').map(textOf).at(-1)).toMatch(/xem xét, chỉ đạo\.\/\.$/);
  });

  test('a subtree says so, and its completeness is the subtree’s', () => {
    const sub = buildNarrativeReport({
      ...input,
      rollup: { ...rollup, rootUnitId: 'CAT' },
    });
    expect(documentText(sub)).toContain('Trên cơ sở báo cáo của các đơn vị thuộc Công an tỉnh Lạng Sơn,');
  });

  test('a period nobody has reported for yet still makes a report', () => {
    const empty = buildNarrativeReport({
      ...input,
      rollup: {
        ...rollup,
        units: [],
        totals: {},
        tableRows: {},
        completeness: { expected: 40, submitted: 0, onTime: 0, late: 0, missing: [] },
        reviews: { pending: 0, accepted: 0, returned: 0 },
      },
    });
    const t = documentText(empty);
    expect(t).toContain('có 0/40 đơn vị đã gửi báo cáo kết quả thực hiện, đạt 0%.');
    expect(t).toContain('Chưa có đơn vị nào gửi báo cáo kết quả thực hiện trong kỳ.');
    expect(t).not.toMatch(/undefined|NaN|\[object/);
  });

  test('in English, the same structure from the English catalogue', () => {
    const en = buildNarrativeReport({ ...input, lang: 'en' });
    const t = documentText(en);
    expect(t).toContain('SOCIALIST REPUBLIC OF VIET NAM');
    expect(t).toContain('As of 20/06/2022, 36/40 units have sent their results report (90%).');
    expect(t).toContain(`“${QUOTED_DIFFICULTY}”`);
    expect(withRole(en, 'heading1')).toHaveLength(5);
    expect(t).not.toMatch(/undefined|NaN|\[object/);
  });
});

describe('the Bắc Giang civil-service campaign, from its own data and no code of its own', () => {
  const { input, rollup } = demoLikeInput('bac-giang-nu-cuoi-cong-so', '2022-Y');
  const doc = buildNarrativeReport(input);
  const text = documentText(doc);

  test('its header, its template’s sections, its signer', () => {
    expect(text).toContain('UBND TỈNH BẮC GIANG\nSỞ NỘI VỤ');
    expect(text).toMatch(/Số: +\/BC-SNV/);
    expect(text).toMatch(/Bắc Giang, ngày +tháng +năm 2022/);
    expect(text).toContain('năm 2022');
    expect(withRole(doc, 'heading2').map(textOf).slice(0, 2)).toEqual([
      '1. Cán bộ, công chức, viên chức',
      '2. Triển khai, tuyên truyền',
    ]);
    expect(text).toContain(`${rollup.completeness.submitted}/${rollup.completeness.expected} đơn vị`);
    expect(text).toMatch(
      /- Tỷ lệ người dân, doanh nghiệp hài lòng: \d+,\d+%, (tăng|giảm) \d+(,\d+)? điểm phần trăm so với cùng kỳ năm 2021/,
    );
    expect(text).toMatch(/- Đã ban hành kế hoạch triển khai Phong trào: \d+\/\d+ đơn vị/);
    const people = rollup.tableRows.exemplary_people ?? [];
    for (const row of people) expect(text).toContain(`“${row.name as string}”`);
    expect(withRole(doc, 'signerTitle').map(textOf)).toEqual(['GIÁM ĐỐC']);
    expect(text).toContain('- Lưu: VT, SNV.');
    expect(text).not.toMatch(/undefined|NaN|\[object/);
  });
});
