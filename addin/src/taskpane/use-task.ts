/**
 * The one busy/error helper of the task pane's workflows: what is running (for the spinner), the
 * last notice, and the last failure as a {@link PaneProblem} with, when trying again may help, the
 * step to try again. `run` never rejects and returns nothing, so it can be an event handler as is.
 */
import { useCallback, useMemo, useState } from 'react';
import { isRetryable, problemOf, type PaneProblem } from './pane-problem';

export interface Notice {
  intent: 'info' | 'success' | 'warning' | 'error';
  text: string;
  testId?: string;
}

export interface Task {
  /** What is running (its label), or undefined. */
  busy: string | undefined;
  notice: Notice | undefined;
  problem: PaneProblem | undefined;
  /** Runs the failed step again; only for problems worth trying again (network, server). */
  retry: (() => void) | undefined;
  /** Runs a step: the spinner shows `label`; a failure becomes the problem. */
  run(label: string, step: () => Promise<void>): void;
  /** Changes the spinner's label while a step runs (progress). */
  progress(label: string): void;
  /** Shows a notice (and forgets the last failure). */
  say(notice: Notice | undefined): void;
  /** Shows a failure that happened outside `run` (e.g. in the background). */
  fail(error: unknown, retry?: () => void): void;
}

export function useTask(): Task {
  const [busy, setBusy] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const [failure, setFailure] = useState<{ problem: PaneProblem; retry?: () => void }>();

  const fail = useCallback((error: unknown, retry?: () => void) => {
    const problem = problemOf(error);
    setNotice(undefined);
    setFailure({ problem, ...(retry && isRetryable(problem) ? { retry } : {}) });
  }, []);

  const say = useCallback((n: Notice | undefined) => {
    setFailure(undefined);
    setNotice(n);
  }, []);

  const run = useCallback(
    function start(label: string, step: () => Promise<void>) {
      setBusy(label);
      setNotice(undefined);
      setFailure(undefined);
      step()
        .finally(() => setBusy(undefined))
        .catch((e: unknown) => fail(e, () => start(label, step)));
    },
    [fail],
  );

  return useMemo(
    () => ({
      busy,
      notice,
      problem: failure?.problem,
      retry: failure?.retry,
      run,
      progress: setBusy,
      say,
      fail,
    }),
    [busy, notice, failure, run, say, fail],
  );
}
