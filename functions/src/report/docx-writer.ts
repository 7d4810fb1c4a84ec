/**
 * Renders a narrative report (shared/src/report/model.ts) to .docx with the `docx` package — the
 * only file of the product that imports it. The model says what each paragraph is; the looks are
 * decided here, once, after Nghị định 30/2020/NĐ-CP về công tác văn thư, Phụ lục I “Thể thức, kỹ
 * thuật trình bày văn bản hành chính”:
 * - Phần I, Mục I: A4; margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New
 *   Roman (Unicode, TCVN 6909:2001), black; page numbers in Arabic figures, 13–14 pt, centred in the
 *   top margin, none on the first page;
 * - Mục II: Quốc hiệu in capitals 12–13 pt bold, Tiêu ngữ 13–14 pt bold with a rule as long as the
 *   line; tên cơ quan chủ quản in capitals 12–13 pt, tên cơ quan ban hành in capitals 12–13 pt bold
 *   with a rule 1/3–1/2 of its length; “Số:” 13 pt; địa danh, ngày tháng 13–14 pt italic; tên loại
 *   13–14 pt bold capitals, trích yếu 13–14 pt bold with a short rule; body 13–14 pt, first line
 *   indented 1–1.27 cm, at least 6 pt between paragraphs, single to 1.5 line spacing; “Nơi nhận:”
 *   12 pt bold italic, its lines 11 pt; the signer's title 13–14 pt bold capitals;
 * - Mục IV: body names top left, Quốc hiệu top right, number under the body names, place and
 *   date under the Tiêu ngữ; “Nơi nhận” bottom left, the signature block bottom right.
 * (Checked against the text of Phụ lục I as published with the decree of 05/3/2020.)
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  LineRuleType,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReportDocument, ReportParagraph, ReportRole } from '../../../shared/src';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FONT = 'Times New Roman';
const MM = convertMillimetersToTwip;
const PAGE = { width: MM(210), height: MM(297) };
const MARGIN = { top: MM(20), bottom: MM(20), left: MM(30), right: MM(15) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const INDENT = MM(10);

interface Look {
  size: number; // points
  bold?: boolean;
  italic?: boolean;
  align: 'center' | 'left' | 'justify';
  indent?: boolean;
  before?: number; // points
  after?: number;
  /** A rule below the paragraph: `short` 1/3 of the text's width, `text` as long as the text. */
  rule?: 'short' | 'text';
}

const LOOKS: Record<ReportRole, Look> = {
  superior: { size: 13, align: 'center' },
  issuer: { size: 13, bold: true, align: 'center', rule: 'short' },
  nationalTitle: { size: 12, bold: true, align: 'center' },
  motto: { size: 13, bold: true, align: 'center', rule: 'text' },
  number: { size: 13, align: 'center', before: 6 },
  placeDate: { size: 13, italic: true, align: 'center', before: 6 },
  docType: { size: 14, bold: true, align: 'center', before: 18 },
  subject: { size: 14, bold: true, align: 'center', after: 0, rule: 'short' },
  heading1: { size: 14, bold: true, align: 'justify', indent: true, before: 6, after: 6 },
  heading2: { size: 14, bold: true, align: 'justify', indent: true, after: 6 },
  body: { size: 14, align: 'justify', indent: true, after: 6 },
  item: { size: 14, align: 'justify', indent: true, after: 3 },
  recipientsTitle: { size: 12, bold: true, italic: true, align: 'left', before: 12 },
  recipient: { size: 11, align: 'left' },
  signerTitle: { size: 14, bold: true, align: 'center', before: 12 },
  signerNote: { size: 13, italic: true, align: 'center', after: 60 },
  signerName: { size: 14, bold: true, align: 'center' },
};

const ALIGN = { center: AlignmentType.CENTER, left: AlignmentType.LEFT, justify: AlignmentType.JUSTIFIED };

/** Width of a line of Times New Roman, roughly (0.45 em per character, bold mixed case), in twips. */
const textWidth = (text: string, size: number) => Math.round(text.length * size * 0.45 * 20);

function paragraphs(p: ReportParagraph, columnWidth: number): Paragraph[] {
  const look = LOOKS[p.role];
  const out = [
    new Paragraph({
      alignment: ALIGN[look.align],
      spacing: {
        before: (look.before ?? 0) * 20,
        after: (look.rule ? 0 : (look.after ?? 0)) * 20,
        line: look.align === 'justify' ? 276 : 240,
      },
      ...(look.indent ? { indent: { firstLine: INDENT } } : {}),
      keepNext: p.role === 'heading1' || p.role === 'heading2' || p.role === 'docType',
      children: p.runs.map(
        (r) =>
          new TextRun({
            text: r.quoted ? `“${r.text}”` : r.text,
            ...(r.lineBreak ? { break: 1 } : {}),
            font: FONT,
            size: look.size * 2,
            bold: r.bold ?? look.bold ?? false,
            italics: r.italic ?? look.italic ?? false,
          }),
      ),
    }),
  ];
  if (look.rule) {
    // The longest line of the paragraph (a run with `lineBreak` starts a new one).
    const lines: string[] = [''];
    for (const r of p.runs) {
      if (r.lineBreak) lines.push('');
      lines[lines.length - 1] += r.text;
    }
    const text = lines.reduce((a, b) => (b.length > a.length ? b : a));
    const lineWidth = Math.min(textWidth(text, look.size), columnWidth);
    const ruleWidth = look.rule === 'text' ? lineWidth : Math.round(lineWidth / 3);
    const side = Math.max(0, Math.round((columnWidth - ruleWidth) / 2));
    out.push(
      new Paragraph({
        indent: { left: side, right: side },
        spacing: { before: 0, after: (look.after ?? 6) * 20, line: 100, lineRule: LineRuleType.EXACT },
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
        children: [new TextRun({ text: '', font: FONT, size: 4 })],
      }),
    );
  }
  return out;
}

export async function renderReportDocx(doc: ReportDocument): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      children.push(...paragraphs(block, TEXT_WIDTH));
      continue;
    }
    const total = block.widths[0] + block.widths[1];
    const widths = block.widths.map((w) => Math.round((TEXT_WIDTH * w) / total));
    children.push(
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        borders: TableBorders.NONE,
        rows: block.rows.map(
          (cells) =>
            new TableRow({
              cantSplit: true,
              children: cells.map(
                (cell, i) =>
                  new TableCell({
                    width: { size: widths[i]!, type: WidthType.DXA },
                    margins: { left: 0, right: 0, top: 0, bottom: 0 },
                    children: cell.length
                      ? cell.flatMap((p) => paragraphs(p, widths[i]!))
                      : [new Paragraph({ children: [] })],
                  }),
              ),
            }),
        ),
      }),
    );
  }
  const pageNumber = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 28 })],
      }),
    ],
  });
  const document = new Document({
    title: doc.title,
    creator: doc.author,
    lastModifiedBy: doc.author,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 28, language: { value: doc.language === 'vi' ? 'vi-VN' : 'en-GB' } },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: PAGE, margin: { ...MARGIN, header: MM(10), footer: MM(10) } },
        },
        headers: { default: pageNumber, first: new Header({ children: [] }) },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
