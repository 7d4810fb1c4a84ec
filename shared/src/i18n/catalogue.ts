/** The two catalogues behind one lookup (docs/architecture.md, "Messages"). */
import type { Language } from '../schemas';
import { en } from './catalogue-en';
import { vi, type ProblemCode } from './catalogue-vi';
import type { RenderParams } from './render-params';

export type { ProblemCode };
/** One catalogue entry: the parameters, already text, to a sentence. */
export type ProblemText = (p: RenderParams) => string;
export type Catalogue = Omit<typeof vi, 'problems'> & { problems: Record<ProblemCode, ProblemText> };

const CATALOGUES: Record<Language, Catalogue> = { vi, en };

export function catalogue(lang: Language = 'vi'): Catalogue {
  return CATALOGUES[lang] ?? vi;
}
