/**
 * How every kind of cell looks, once, for both renderers (docs/architecture.md, "The sheet model": one sheet model, two
 * renderers). A look is plain data — colours as `#RRGGBB`, border edges, alignment — that the
 * office.js gateway and the .xlsx writer translate word for word; neither keeps a style table.
 */
import type { CellStyle, ConditionalLookName } from './model';

export type HorizontalAlignment = 'left' | 'center' | 'right';
export type VerticalAlignment = 'top' | 'middle' | 'bottom';

export interface BorderEdge {
  weight: 'thin' | 'medium';
  /** `#RRGGBB`. */
  color: string;
}

export interface Look {
  font: {
    /** Vietnamese administrative documents are set in Times New Roman. */
    name: string;
    size: number;
    bold: boolean;
    italic: boolean;
    /** `#RRGGBB`. */
    color: string;
  };
  /** Solid fill, `#RRGGBB`; none when absent. */
  fill?: string;
  /** The edges of each cell that carry a line. */
  border: { top?: BorderEdge; bottom?: BorderEdge; left?: BorderEdge; right?: BorderEdge };
  horizontal?: HorizontalAlignment;
  vertical?: VerticalAlignment;
  wrap: boolean;
}

export const FONT = { name: 'Times New Roman', size: 12, color: '#000000' } as const;

const thin: BorderEdge = { weight: 'thin', color: '#808080' };
const grid = { top: thin, bottom: thin, left: thin, right: thin };
/** Cells the reviewer commented on when returning a report (template-sheet.ts `comments`). */
export const COMMENTED_FILL = '#BDD7EE';
const frame: BorderEdge = { weight: 'medium', color: '#2F5597' };
const commentedFrame = { top: frame, bottom: frame, left: frame, right: frame };

type LookSpec = {
  font?: Partial<Look['font']>;
  fill?: string;
  border?: Look['border'];
  horizontal?: HorizontalAlignment;
  vertical?: VerticalAlignment;
  wrap?: boolean;
};

function look(spec: LookSpec): Look {
  return {
    font: { name: FONT.name, size: FONT.size, bold: false, italic: false, color: FONT.color, ...spec.font },
    ...(spec.fill ? { fill: spec.fill } : {}),
    border: spec.border ?? {},
    ...(spec.horizontal ? { horizontal: spec.horizontal } : {}),
    ...(spec.vertical ? { vertical: spec.vertical } : {}),
    wrap: spec.wrap ?? false,
  };
}

/** The named looks: one per CellStyle, plus the parts of tables and cells with no style. */
export type LookName = CellStyle | 'plain' | 'tableBody' | 'tableInput';

export const LOOKS: Record<LookName, Look> = {
  plain: look({}),
  title: look({ font: { size: 14, bold: true }, horizontal: 'center', vertical: 'middle', wrap: true }),
  subtitle: look({ font: { bold: true }, horizontal: 'center', vertical: 'middle' }),
  motto: look({
    font: { italic: true, color: '#1F4E79' },
    horizontal: 'center',
    vertical: 'middle',
    wrap: true,
  }),
  hint: look({ font: { italic: true, color: '#595959' }, wrap: true }),
  headerLabel: look({ font: { bold: true }, vertical: 'middle' }),
  headerValue: look({ font: { bold: true, color: '#1F4E79' }, vertical: 'middle' }),
  columnHeader: look({
    font: { bold: true },
    fill: '#D9E1F2',
    border: grid,
    horizontal: 'center',
    vertical: 'middle',
    wrap: true,
  }),
  sectionHeader: look({
    font: { bold: true },
    fill: '#EDEDED',
    border: grid,
    vertical: 'middle',
    wrap: true,
  }),
  label: look({ border: grid, vertical: 'top', wrap: true }),
  input: look({ fill: '#FFF2CC', border: grid, vertical: 'top' }),
  // A commented input or table title stands out from the yellow inputs and the red errors: blue, framed.
  inputCommented: look({ fill: COMMENTED_FILL, border: commentedFrame, vertical: 'top' }),
  sectionCommented: look({
    font: { bold: true },
    fill: COMMENTED_FILL,
    border: commentedFrame,
    vertical: 'middle',
    wrap: true,
  }),
  note: look({ font: { color: '#7F7F7F' }, vertical: 'top' }),
  total: look({
    font: { bold: true },
    border: { top: { weight: 'medium', color: '#000000' } },
    vertical: 'middle',
  }),
  subtotal: look({ font: { italic: true }, border: grid, vertical: 'top', wrap: true }),
  centered: look({ horizontal: 'center', vertical: 'middle', wrap: true }),
  centeredBold: look({ font: { bold: true }, horizontal: 'center', vertical: 'middle', wrap: true }),
  centeredItalic: look({ font: { italic: true }, horizontal: 'center', vertical: 'middle', wrap: true }),
  status: look({ border: grid, horizontal: 'center', vertical: 'middle' }),
  // Table bodies keep the table style's stripes (no fill); the grid and alignment are cell formatting,
  // because LibreOffice and print show no table styles.
  tableBody: look({ border: grid, vertical: 'top' }),
  tableInput: look({ fill: '#FFF2CC', border: grid, vertical: 'top', wrap: true }),
};

/** Fill of an input cell that failed validation (the gateway marks it; the input look restores it). */
export const ERROR_FILL = '#F8CBAD';
export const INPUT_FILL = LOOKS.input.fill!;

/** The look with a few properties changed (alignment or wrapping decided by the cell's content). */
export function withLook(base: Look, change: Partial<Pick<Look, 'horizontal' | 'vertical' | 'wrap'>>): Look {
  return { ...base, ...change };
}

/**
 * What a conditional format changes in a matching cell: a fill and the font colour (Excel's own
 * presets — “Green Fill with Dark Green Text”, “Light Red Fill with Dark Red Text”, “Yellow Fill with
 * Dark Yellow Text” — plus an orange, a blue and a grey). `#RRGGBB`.
 */
export interface ConditionalLook {
  fill: string;
  fontColor: string;
}

export const CONDITIONAL_LOOKS: Record<ConditionalLookName, ConditionalLook> = {
  good: { fill: '#C6EFCE', fontColor: '#006100' },
  neutral: { fill: '#FFEB9C', fontColor: '#9C5700' },
  warning: { fill: '#FCE4D6', fontColor: '#C65911' },
  bad: { fill: '#FFC7CE', fontColor: '#9C0006' },
  info: { fill: '#DDEBF7', fontColor: '#1F4E79' },
  muted: { fill: '#F2F2F2', fontColor: '#7F7F7F' },
};
