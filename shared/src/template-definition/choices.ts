/**
 * Choices in one cell of the definition workbook: `excellent=Xuất sắc|Excellent; good=Tốt|Good`
 * (value=Vietnamese label|English label, separated by `;`; a `\` escapes `;`, `|` and `\` inside a
 * label). Reading and writing are inverses. Pure.
 */
import { problem, type Problem } from '../i18n/problem';
import { KeySchema, type Choice } from '../schemas';

function splitUnescaped(s: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length) {
      current += ch + s[i + 1];
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const unescapeText = (s: string) => s.replace(/\\(.)/gs, '$1');
const escapeText = (s: string) => s.replace(/[\\;|]/g, (c) => `\\${c}`);

/** The text of a choices cell → choices, or the first problem (choice_syntax, bad_key, duplicate_choice). */
export function parseChoices(
  text: string,
): { ok: true; choices: Choice[] } | { ok: false; problem: Problem } {
  const choices: Choice[] = [];
  for (const rawItem of splitUnescaped(text, ';')) {
    const item = rawItem.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) return { ok: false, problem: problem('choice_syntax', { value: item }) };
    const value = item.slice(0, eq).trim();
    if (!KeySchema.safeParse(value).success) return { ok: false, problem: problem('bad_key', { value }) };
    const labels = splitUnescaped(item.slice(eq + 1), '|').map((p) => unescapeText(p.trim()));
    if (labels.length > 2 || !labels[0])
      return { ok: false, problem: problem('choice_syntax', { value: item }) };
    if (choices.some((c) => c.value === value))
      return { ok: false, problem: problem('duplicate_choice', { value }) };
    choices.push({ value, label: labels[1] ? { vi: labels[0], en: labels[1] } : { vi: labels[0] } });
  }
  return { ok: true, choices };
}

export function formatChoices(choices: readonly Choice[]): string {
  return choices
    .map(
      (c) =>
        `${c.value}=${escapeText(c.label.vi)}${c.label.en !== undefined ? `|${escapeText(c.label.en)}` : ''}`,
    )
    .join('; ');
}
