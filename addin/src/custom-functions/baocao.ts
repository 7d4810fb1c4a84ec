/**
 * The BAOCAO.* functions' logic (docs/architecture.md, "Custom functions"), without CustomFunctions: each
 * function turns its arguments into a query and streams that query's answer into its cell through the
 * campaign's poller. Excel's objects come in as {@link StreamingCell} and {@link FunctionsEnv.makeError};
 * registration (functions.ts) is the only file that touches the CustomFunctions API.
 */
import {
  problem,
  render,
  type Language,
  type Problem,
  type ValueAnswer,
  type ValueErrorKind,
  type ValueQuery,
  type ValueResult,
} from '../../../shared/src';
import { tokenHolder, type FunctionsContext } from './session';
import { ValuesPoller } from './values-poller';

/** What a streaming function gets from Excel (CustomFunctions.StreamingInvocation). */
export interface StreamingCell<T> {
  setResult(value: T | Error): void;
  onCanceled?: () => void;
  /** True while Excel previews a formula being edited: no request then. */
  isInValuePreview?: boolean;
}

export interface FunctionsEnv {
  /** The session the pane left in OfficeRuntime.storage, if any. */
  context(): Promise<FunctionsContext | undefined>;
  /** A poller for a context; {@link PollerRegistry.pollerFor} keeps one per campaign and user. */
  pollerFor(context: FunctionsContext): ValuesPoller;
  /** Excel's error value: CustomFunctions.Error(invalidValue | notAvailable, message). */
  makeError(kind: ValueErrorKind, message: string): Error;
}

/**
 * One poller per (API, campaign, user, language). A renewed token of the same user keeps the poller (its
 * requests take the newest token, see {@link PollerRegistry.tokenFor}); another user gets a poller of its own,
 * so no answer meant for one account is shown to another.
 */
export class PollerRegistry {
  private readonly pollers = new Map<string, ValuesPoller>();
  private readonly tokens = new Map<string, string>();
  constructor(private readonly create: (context: FunctionsContext, token: () => string) => ValuesPoller) {}

  private keyOf(context: FunctionsContext): string {
    return JSON.stringify([context.apiBaseUrl, context.campaignId, tokenHolder(context.token), context.lang]);
  }

  pollerFor(context: FunctionsContext): ValuesPoller {
    const key = this.keyOf(context);
    this.tokens.set(key, context.token);
    let poller = this.pollers.get(key);
    if (!poller) {
      // Pollers of another user or campaign stop by themselves once their formulas are cancelled.
      for (const [k, p] of this.pollers) if (!p.running) this.pollers.delete(k);
      poller = this.create(context, () => this.tokens.get(key) ?? context.token);
      this.pollers.set(key, poller);
    }
    return poller;
  }

  /** Tells the registry of the session now in storage: the same user's pollers send its newer token. */
  tokenFor(context: FunctionsContext): void {
    const key = this.keyOf(context);
    if (this.pollers.has(key)) this.tokens.set(key, context.token);
  }

  get size(): number {
    return this.pollers.size;
  }
}

function cellOf(answer: ValueAnswer, env: FunctionsEnv): ValueResult | Error {
  if ('error' in answer) return env.makeError(answer.error.kind, answer.error.message);
  return answer.value;
}

/** Streams a query's answer into a cell until Excel cancels it. */
export function streamQuery(env: FunctionsEnv, query: ValueQuery, cell: StreamingCell<ValueResult>): void {
  let cancelled = false;
  let unsubscribe: (() => void) | undefined;
  cell.onCanceled = () => {
    cancelled = true;
    unsubscribe?.();
  };
  const fail = (p: Problem, lang: Language, kind: ValueErrorKind = 'notAvailable') =>
    cell.setResult(env.makeError(kind, render(p, lang)));
  void env.context().then(
    (context) => {
      if (cancelled) return;
      if (!context) return fail(problem('functions_no_session'), 'vi');
      const poller = env.pollerFor(context);
      if (cell.isInValuePreview) {
        // Formula value preview: what is already known, else nothing — never a request.
        const known = poller.known(query);
        cell.setResult(known ? cellOf(known, env) : '');
        return;
      }
      unsubscribe = poller.subscribe(query, {
        answer: (a) => cell.setResult(cellOf(a, env)),
        failure: (p) => fail(p, context.lang),
      });
    },
    () => fail(problem('functions_no_session'), 'vi'),
  );
}

const text = (v: unknown): string | undefined =>
  v === undefined || v === null || v === '' ? undefined : String(v);

/** The five functions' queries from their arguments (empty optional arguments are left out). */
export const queries = {
  total: (field: string, period: string, unitOrGroup?: string): ValueQuery => ({
    fn: 'total',
    field: String(field),
    period: String(period),
    ...(text(unitOrGroup) !== undefined ? { unit: text(unitOrGroup)! } : {}),
  }),
  value: (field: string, period: string, unit: string): ValueQuery => ({
    fn: 'value',
    field: String(field),
    period: String(period),
    unit: String(unit),
  }),
  lastYear: (field: string, period: string, unitOrGroup?: string): ValueQuery => ({
    ...queries.total(field, period, unitOrGroup),
    fn: 'lastYear',
  }),
  progress: (period: string, state?: string): ValueQuery => ({
    fn: 'progress',
    period: String(period),
    ...(text(state) !== undefined ? { state: text(state)! } : {}),
  }),
  state: (period: string, unit: string): ValueQuery => ({
    fn: 'state',
    period: String(period),
    unit: String(unit),
  }),
};
