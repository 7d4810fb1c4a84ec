/** Fixed labels of the sheets the product writes, from the catalogue of the language. */
import type { Language } from '../schemas';
import { catalogue, type Catalogue } from './catalogue';

export type SheetLabels = Catalogue['labels'];

export function sheetLabels(lang: Language): SheetLabels {
  return catalogue(lang).labels;
}
