/**
 * A renderer-neutral document: what a narrative report says and the role of each paragraph, never
 * how it looks. `functions/src/report/docx-writer.ts` decides the looks (fonts, sizes, margins) from
 * the roles, following Nghị định 30/2020/NĐ-CP; another renderer (HTML, PDF) could take the same model.
 */

/** A piece of text with one emphasis. Units' own words are runs with `quoted: true` (shown in “ ”). */
export interface ReportRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Text a unit wrote, reproduced exactly (the renderer shows it in “ ”). */
  quoted?: boolean;
  /** The run starts a new line of the same paragraph. */
  lineBreak?: boolean;
}

/**
 * The roles of the administrative document (NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II):
 * - `superior` tên cơ quan chủ quản; `issuer` tên cơ quan ban hành (a short rule below);
 * - `nationalTitle` Quốc hiệu; `motto` Tiêu ngữ (a rule below as long as the text);
 * - `number` số, ký hiệu; `placeDate` địa danh, ngày tháng năm;
 * - `docType` tên loại (BÁO CÁO); `subject` trích yếu (a short rule below its last line);
 * - `heading1` I., II. …; `heading2` 1., 2. …; `body` a paragraph; `item` a “- ” line;
 * - `recipientsTitle` “Nơi nhận:”; `recipient` one of its lines;
 * - `signerTitle` quyền hạn, chức vụ; `signerNote` the space for the signature; `signerName`.
 */
export type ReportRole =
  | 'superior'
  | 'issuer'
  | 'nationalTitle'
  | 'motto'
  | 'number'
  | 'placeDate'
  | 'docType'
  | 'subject'
  | 'heading1'
  | 'heading2'
  | 'body'
  | 'item'
  | 'recipientsTitle'
  | 'recipient'
  | 'signerTitle'
  | 'signerNote'
  | 'signerName';

export interface ReportParagraph {
  kind: 'paragraph';
  role: ReportRole;
  runs: ReportRun[];
}

/** Two blocks side by side without borders: the header (body names | Quốc hiệu) and the signature block. */
export interface ReportColumns {
  kind: 'columns';
  /** Relative widths of the two columns. */
  widths: [number, number];
  rows: [ReportParagraph[], ReportParagraph[]][];
}

export type ReportBlock = ReportParagraph | ReportColumns;

export interface ReportDocument {
  /** Document properties: title and author. */
  title: string;
  author: string;
  language: 'vi' | 'en';
  blocks: ReportBlock[];
}

export const para = (role: ReportRole, ...runs: (ReportRun | string)[]): ReportParagraph => ({
  kind: 'paragraph',
  role,
  runs: runs.map((r) => (typeof r === 'string' ? { text: r } : r)),
});

/** Every text of a document, in order (for tests and for a plain-text view). */
export function documentText(doc: ReportDocument): string {
  const lines: string[] = [];
  const add = (p: ReportParagraph) =>
    lines.push(p.runs.map((r) => `${r.lineBreak ? '\n' : ''}${r.quoted ? `“${r.text}”` : r.text}`).join(''));
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') add(b);
    else for (const [left, right] of b.rows) for (const p of [...left, ...right]) add(p);
  }
  return lines.join('\n');
}
