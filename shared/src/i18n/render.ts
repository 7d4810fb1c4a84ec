/**
 * Problems → text, at the edge (docs/architecture.md, "Messages"). Parameters are turned into text in
 * the reader's language first: a LocalizedText is localised, a list joined, a number written as is
 * (a catalogue entry groups digits where it means a quantity).
 */
import { LANGUAGES, type Language } from '../languages';
import { catalogue } from './catalogue';
import type { ParamValue, Problem, ProblemParams } from './problem';
import type { RenderParams } from './render-params';

function paramText(value: ParamValue, lang: Language): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v: ParamValue) => paramText(v, lang)).join(', ');
  const text = value as { vi: string; en?: string };
  return lang === 'en' ? (text.en ?? text.vi) : text.vi;
}

export function renderParams(params: ProblemParams | undefined, lang: Language): RenderParams {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {}))
    if (value !== undefined) out[name] = paramText(value, lang);
  return out;
}

/** The problem's text, without its location. */
export function render(problem: Pick<Problem, 'code' | 'params'>, lang: Language = 'vi'): string {
  return catalogue(lang).problems[problem.code](renderParams(problem.params, lang));
}

/** The problem's text after its place in a list sheet (`Trang “fields”, dòng 7, cột E: …`), when it has one. */
export function renderWithPlace(problem: Problem, lang: Language = 'vi'): string {
  const text = render(problem, lang);
  if (!problem.sheet) return text;
  return `${catalogue(lang).where(problem.sheet, problem.row, problem.column)}: ${text}`;
}

/**
 * The reader's language from an Accept-Language header (RFC 9110 §12.5.4): the first supported
 * language by quality; Vietnamese when none is.
 */
export function languageFromHeader(header: string | null | undefined): Language {
  if (!header) return 'vi';
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^\s*q=([01](\.\d{0,3})?)\s*$/.exec(r)).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0]!, q: q ? Number(q[1]) : 1, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked.find((r) => (LANGUAGES as readonly string[]).includes(r.lang))?.lang as Language) ?? 'vi';
}
