/** How each CellStyle of the sheet model looks in Excel (shared by the office.js gateway's writes). */
import type { CellStyle } from '../../../shared/src';

export interface CellLook {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  horizontal?: 'Left' | 'Center' | 'Right';
}

export const CELL_LOOKS: Record<CellStyle, CellLook> = {
  title: { bold: true, size: 14, horizontal: 'Center', color: '#1F3864' },
  subtitle: { bold: true, horizontal: 'Center' },
  motto: { italic: true, color: '#833C0B', horizontal: 'Center' },
  hint: { italic: true, color: '#595959' },
  headerLabel: { bold: true },
  headerValue: { color: '#1F3864' },
  columnHeader: { bold: true, fill: '#D9E1F2', horizontal: 'Center' },
  sectionHeader: { bold: true, fill: '#EDEDED' },
  label: {},
  input: { fill: '#FFF2CC' },
  note: { color: '#7F7F7F' },
  total: { bold: true, fill: '#E2EFDA' },
};

/** Fill of a cell that failed validation. */
export const ERROR_FILL = '#F8CBAD';
export const INPUT_FILL = CELL_LOOKS.input.fill!;

/** Excel column widths are set in points; the model counts characters. */
export const POINTS_PER_CHARACTER = 7;
