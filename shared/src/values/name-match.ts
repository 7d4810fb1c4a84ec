/**
 * How a name typed in a formula finds what it names (docs/architecture.md, "Custom functions"): a field,
 * a period, a unit, a khối, a completeness state — by its key or by its label.
 *
 * The rule, in order:
 * 1. the text is made NFC, trimmed, runs of spaces made one, and compared without case (Vietnamese
 *    lower case, so “Đ” is “đ”) with every candidate's key and labels — one match wins;
 * 2. if nothing matched, the same comparison without diacritics (“so nguoi tham gia” finds “Số người
 *    tham gia”; đ counts as d) — accepted only when exactly one candidate matches, since diacritics tell
 *    Vietnamese words apart (“ca” may be “cá”, “cà” or “cả”);
 * 3. several matches at either step → `ambiguous` with what matched; none → `unknown`.
 * Pure.
 */

export interface NameCandidate<T> {
  /** The key or id, matched like a name. */
  key: string;
  names: readonly string[];
  value: T;
}

export type NameMatch<T> =
  { kind: 'found'; value: T; key: string } | { kind: 'ambiguous'; keys: string[] } | { kind: 'unknown' };

/** NFC, trimmed, one space between words, lower case. */
export function normalizeName(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('vi');
}

/** {@link normalizeName} without diacritics (đ → d). */
export function foldName(text: string): string {
  return normalizeName(text).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gu, 'd').normalize('NFC');
}

/** Candidates indexed by their normalised and folded names: a batch of names looks each up in one step. */
export function nameIndex<T>(candidates: readonly NameCandidate<T>[]): (text: string) => NameMatch<T> {
  const exact = new Map<string, NameCandidate<T>[]>();
  const folded = new Map<string, NameCandidate<T>[]>();
  const add = (map: Map<string, NameCandidate<T>[]>, name: string, c: NameCandidate<T>) => {
    const list = map.get(name);
    if (!list) map.set(name, [c]);
    else if (!list.includes(c)) list.push(c);
  };
  for (const c of candidates) {
    for (const n of [c.key, ...c.names]) {
      add(exact, normalizeName(n), c);
      add(folded, foldName(n), c);
    }
  }
  return (text) => {
    const found = exact.get(normalizeName(text)) ?? folded.get(foldName(text)) ?? [];
    const distinct = [...new Map(found.map((c) => [c.key, c])).values()];
    if (distinct.length === 1) return { kind: 'found', value: distinct[0]!.value, key: distinct[0]!.key };
    if (distinct.length > 1) return { kind: 'ambiguous', keys: distinct.map((c) => c.key) };
    return { kind: 'unknown' };
  };
}

export function matchName<T>(text: string, candidates: readonly NameCandidate<T>[]): NameMatch<T> {
  return nameIndex(candidates)(text);
}
