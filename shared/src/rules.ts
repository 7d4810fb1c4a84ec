/**
 * Cross-field rules. A rule's `check` (and optional `when`) is a comparison of two sums:
 *
 *   comparison := sum OP sum           OP: <= < >= > = !=
 *   sum        := term (("+" | "-") term)*
 *   term       := number | fieldKey | "count(" tableKey ")"
 *
 * A comparison whose fields are empty is not applicable (the `required` check covers missing values).
 */
import { own } from './text';

export type Operator = '<=' | '<' | '>=' | '>' | '=' | '!=';

export type Term =
  { kind: 'number'; value: number } | { kind: 'field'; key: string } | { kind: 'count'; table: string };

export interface Sum {
  terms: { sign: 1 | -1; term: Term }[];
}

export interface Comparison {
  left: Sum;
  op: Operator;
  right: Sum;
}

/** Why a rule does not parse (the catalogue's `rule_syntax` says it in each language). */
export type RuleSyntaxReason =
  'unexpected' | 'ends_early' | 'count_open' | 'count_table' | 'count_close' | 'no_comparison';

/** A rule that does not parse: the reason, the token at fault (for `unexpected`) and the rule's text. */
export class RuleSyntaxError extends Error {
  constructor(
    readonly reason: RuleSyntaxReason,
    readonly source: string,
    readonly token?: string,
  ) {
    super(`${reason}${token !== undefined ? ` “${token}”` : ''} in “${source}”`);
    this.name = 'RuleSyntaxError';
  }
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|([a-z][a-z0-9_]*)|(<=|>=|!=|[<>=()+-]))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < source.length) {
    if (/^\s*$/.test(source.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(source);
    if (!m) throw new RuleSyntaxError('unexpected', source, source.slice(pos).trim()[0]);
    tokens.push((m[1] ?? m[2] ?? m[3])!);
    pos = TOKEN.lastIndex;
  }
  return tokens;
}

const OPERATORS: readonly string[] = ['<=', '<', '>=', '>', '=', '!='];

export function parseComparison(source: string): Comparison {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (t === undefined) throw new RuleSyntaxError('ends_early', source);
    return t;
  };

  const term = (): Term => {
    const t = next();
    if (/^\d/.test(t)) return { kind: 'number', value: Number(t) };
    if (t === 'count') {
      if (next() !== '(') throw new RuleSyntaxError('count_open', source);
      const table = next();
      if (!/^[a-z]/.test(table)) throw new RuleSyntaxError('count_table', source);
      if (next() !== ')') throw new RuleSyntaxError('count_close', source);
      return { kind: 'count', table };
    }
    if (/^[a-z]/.test(t)) return { kind: 'field', key: t };
    throw new RuleSyntaxError('unexpected', source, t);
  };

  const sum = (): Sum => {
    const terms: Sum['terms'] = [{ sign: 1, term: term() }];
    while (peek() === '+' || peek() === '-') {
      const sign = next() === '+' ? 1 : -1;
      terms.push({ sign, term: term() });
    }
    return { terms };
  };

  const left = sum();
  const op = next();
  if (!OPERATORS.includes(op)) throw new RuleSyntaxError('no_comparison', source);
  const right = sum();
  if (i !== tokens.length) throw new RuleSyntaxError('unexpected', source, tokens[i]);
  return { left, op: op as Operator, right };
}

/** Field keys and table keys a comparison refers to. */
export function referencesOf(c: Comparison): { fields: string[]; tables: string[] } {
  const fields = new Set<string>();
  const tables = new Set<string>();
  for (const s of [c.left, c.right]) {
    for (const { term } of s.terms) {
      if (term.kind === 'field') fields.add(term.key);
      if (term.kind === 'count') tables.add(term.table);
    }
  }
  return { fields: [...fields], tables: [...tables] };
}

export interface RuleData {
  values: Record<string, unknown>;
  tables: Record<string, readonly unknown[]>;
}

function evaluateSum(s: Sum, data: RuleData): number | undefined {
  let total = 0;
  for (const { sign, term } of s.terms) {
    let v: number;
    if (term.kind === 'number') v = term.value;
    else if (term.kind === 'count') v = own(data.tables, term.table)?.length ?? 0;
    else {
      const raw = own(data.values, term.key);
      if (typeof raw === 'boolean') v = raw ? 1 : 0;
      else if (typeof raw === 'number' && Number.isFinite(raw)) v = raw;
      else return undefined;
    }
    total += sign * v;
  }
  return total;
}

/** true / false, or undefined when an operand is empty (the rule does not apply). */
export function evaluateComparison(c: Comparison, data: RuleData): boolean | undefined {
  const l = evaluateSum(c.left, data);
  const r = evaluateSum(c.right, data);
  if (l === undefined || r === undefined) return undefined;
  const eps = 1e-9 * Math.max(1, Math.abs(l), Math.abs(r));
  switch (c.op) {
    case '<=':
      return l <= r + eps;
    case '<':
      return l < r - eps;
    case '>=':
      return l >= r - eps;
    case '>':
      return l > r + eps;
    case '=':
      return Math.abs(l - r) <= eps;
    case '!=':
      return Math.abs(l - r) > eps;
  }
}
