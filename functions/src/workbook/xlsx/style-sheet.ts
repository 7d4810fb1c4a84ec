/**
 * styles.xml for the streaming writer (ECMA-376 §18.8): each distinct font, fill, border, alignment,
 * number format and locking a cell ends up with is written once, and a cell refers to its
 * combination by index. A cell's combination is built as the ExcelJS renderer builds it (xlsx-writer.ts):
 * the looks of the areas over it applied in order, a later look's font always replacing, its fill,
 * borders and alignment only when it has them, and unlocking only when an area unlocks.
 */
import type { BorderEdge, Look } from '../../../../shared/src';
import { xmlAttr } from './xml-text';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** Built-in number formats (ECMA-376 §18.8.30) the sheets use; others get ids from 164. */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '@': 49,
};

/** A look's parts as indexes into the tables (-1: the look does not set that part). */
export interface LookIds {
  font: number;
  fill: number;
  border: number;
  alignment: number;
  unlocks: boolean;
}

class Interned {
  readonly xml: string[] = [];
  private readonly ids = new Map<string, number>();
  constructor(initial: readonly string[] = []) {
    for (const x of initial) this.id(x);
  }
  id(xml: string): number {
    let id = this.ids.get(xml);
    if (id === undefined) {
      id = this.xml.length;
      this.ids.set(xml, id);
      this.xml.push(xml);
    }
    return id;
  }
}

function edgeXml(side: string, e: BorderEdge | undefined): string {
  return e ? `<${side} style="${e.weight}"><color rgb="${argb(e.color)}"/></${side}>` : `<${side}/>`;
}

export class StyleSheet {
  private readonly fonts = new Interned();
  private readonly fills = new Interned([
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ]);
  private readonly borders = new Interned(['<border><left/><right/><top/><bottom/><diagonal/></border>']);
  private readonly alignments = new Interned(['']);
  private readonly formats = new Map<string, number>();
  private readonly xfs = new Interned();
  private readonly byLook = new WeakMap<Look, LookIds>();

  constructor() {
    // Font 0 and style 0: what a cell without a style shows (the workbook default).
    this.fonts.id(
      '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
    );
    this.xfs.id('0|0|0|0|0|0');
  }

  /** A look's parts, made once per look object. */
  look(look: Look): LookIds {
    let ids = this.byLook.get(look);
    if (ids) return ids;
    const f = look.font;
    const font = this.fonts.id(
      `<font>${f.bold ? '<b/>' : ''}${f.italic ? '<i/>' : ''}<sz val="${f.size}"/><color rgb="${argb(f.color)}"/><name val="${xmlAttr(f.name)}"/></font>`,
    );
    const fill = look.fill
      ? this.fills.id(
          `<fill><patternFill patternType="solid"><fgColor rgb="${argb(look.fill)}"/></patternFill></fill>`,
        )
      : -1;
    const b = look.border;
    const border =
      b.top || b.bottom || b.left || b.right
        ? this.borders.id(
            `<border>${edgeXml('left', b.left)}${edgeXml('right', b.right)}${edgeXml('top', b.top)}${edgeXml('bottom', b.bottom)}<diagonal/></border>`,
          )
        : -1;
    const a = [
      look.horizontal ? ` horizontal="${look.horizontal}"` : '',
      // The file's word for the middle is `center` (ECMA-376 ST_VerticalAlignment).
      look.vertical ? ` vertical="${look.vertical === 'middle' ? 'center' : look.vertical}"` : '',
      look.wrap ? ' wrapText="1"' : '',
    ].join('');
    const alignment = a ? this.alignments.id(`<alignment${a}/>`) : -1;
    ids = { font, fill, border, alignment, unlocks: false };
    this.byLook.set(look, ids);
    return ids;
  }

  private format(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.formats.get(code);
    if (id === undefined) {
      id = 164 + this.formats.size;
      this.formats.set(code, id);
    }
    return id;
  }

  /** The cellXfs index of a combination (parts at 0 when no area set them). */
  xf(
    numberFormat: string,
    font: number,
    fill: number,
    border: number,
    alignment: number,
    unlocked: boolean,
  ): number {
    return this.xfs.id(
      `${this.format(numberFormat)}|${font}|${fill}|${border}|${alignment}|${unlocked ? 1 : 0}`,
    );
  }

  toXml(): string {
    const formats = [...this.formats].map(
      ([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlAttr(code)}"/>`,
    );
    const xfs = this.xfs.xml.map((key) => {
      const [fmt, font, fill, border, alignment, unlocked] = key.split('|').map(Number) as number[];
      const align = alignment ? this.alignments.xml[alignment] : '';
      return (
        `<xf numFmtId="${fmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"` +
        `${fmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}` +
        `${border ? ' applyBorder="1"' : ''}${align ? ' applyAlignment="1"' : ''}${unlocked ? ' applyProtection="1"' : ''}` +
        (align || unlocked ? `>${align}${unlocked ? '<protection locked="0"/>' : ''}</xf>` : '/>')
      );
    });
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (formats.length ? `<numFmts count="${formats.length}">${formats.join('')}</numFmts>` : '') +
      `<fonts count="${this.fonts.xml.length}">${this.fonts.xml.join('')}</fonts>` +
      `<fills count="${this.fills.xml.length}">${this.fills.xml.join('')}</fills>` +
      `<borders count="${this.borders.xml.length}">${this.borders.xml.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}
