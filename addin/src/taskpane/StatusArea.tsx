/**
 * Where a workflow says how it is going: the spinner while a step runs, its last notice, and its last
 * failure with the way out — “Thử lại” for the network and the server, “Mở Cài đặt” when the session
 * has expired, the server's details rendered in the pane's language.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import type { Language } from '../../../shared/src';
import type { Strings } from '../i18n/strings';
import { detailText, needsSettings, problemHint, problemText, type PaneProblem } from './pane-problem';
import type { Task } from './use-task';

export interface StatusAreaProps {
  task: Pick<Task, 'busy' | 'notice' | 'problem' | 'retry'>;
  t: Strings;
  lang: Language;
  /** data-testid of the notice and of the problem (`<id>`, `<id>-problem`). */
  testId: string;
  onOpenSettings: () => void;
}

export function StatusArea({ task, t, lang, testId, onOpenSettings }: StatusAreaProps) {
  return (
    <>
      {task.busy && <Spinner size="small" label={task.busy} data-testid="busy" />}
      {task.notice && (
        <MessageBar intent={task.notice.intent} data-testid={task.notice.testId ?? testId}>
          <MessageBarBody>{task.notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {task.problem && (
        <ProblemBar
          problem={task.problem}
          retry={task.retry}
          t={t}
          lang={lang}
          testId={`${testId}-problem`}
          onOpenSettings={onOpenSettings}
        />
      )}
    </>
  );
}

export interface ProblemBarProps {
  problem: PaneProblem;
  retry?: (() => void) | undefined;
  t: Strings;
  lang: Language;
  testId: string;
  onOpenSettings?: () => void;
}

export function ProblemBar({ problem, retry, t, lang, testId, onOpenSettings }: ProblemBarProps) {
  const hint = problemHint(problem, t);
  const details = problem.kind === 'refused' ? problem.details : [];
  const intent = problem.kind === 'no-excel' || problem.kind === 'session' ? 'warning' : 'error';
  const settings = needsSettings(problem) && onOpenSettings;
  return (
    <MessageBar intent={intent} layout="multiline" data-testid={testId} data-kind={problem.kind}>
      <MessageBarBody>
        <MessageBarTitle>{problemText(problem, t)}</MessageBarTitle>
        {hint && <div>{hint}</div>}
        {details.length > 0 && (
          <ul className="issues">
            {details.map((d, i) => (
              <li key={i}>{detailText(d, lang)}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      {(retry || settings) && (
        <MessageBarActions>
          {retry && (
            <Button size="small" onClick={retry} data-testid="retry-step">
              {t.retry}
            </Button>
          )}
          {settings && (
            <Button size="small" appearance="primary" onClick={onOpenSettings} data-testid="open-settings">
              {t.openSettings}
            </Button>
          )}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** The server answered with no campaign for this account. */
export function NoCampaigns({ t }: { t: Strings }) {
  return (
    <MessageBar intent="info" data-testid="no-campaigns">
      <MessageBarBody>{t.noCampaigns}</MessageBarBody>
    </MessageBar>
  );
}
