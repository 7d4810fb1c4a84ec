/**
 * The Báo cáo tab: renders the clerk's session (use-clerk-session.ts) — the unit's calendar first, then
 * pickers, steps, issues, outbox, receipt.
 */
import {
  Badge,
  Button,
  Card,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Textarea,
  type BadgeProps,
} from '@fluentui/react-components';
import {
  formatDateVi,
  formatLocalDateTime,
  localize,
  render,
  type Language,
  type UnitPeriodState,
  type UnitPeriodStatus,
} from '../../../shared/src';
import type { Strings } from '../i18n/strings';
import { ChoiceField } from './ChoiceField';
import type { PanelProps } from './panel-props';
import { needsSettings, problemText } from './pane-problem';
import type { TokenInfo } from './settings';
import { NoCampaigns, StatusArea } from './StatusArea';
import { useClerkSession, type ClerkSessionOptions } from './use-clerk-session';

export type ClerkPanelProps = PanelProps &
  Pick<ClerkSessionOptions, 'queue' | 'onCampaign'> & { who: TokenInfo };

export function ClerkPanel(props: ClerkPanelProps) {
  const { t, settings, onOpenSettings } = props;
  const lang = settings.lang;
  const s = useClerkSession(props);
  const { data, task, actions } = s;
  const status = <StatusArea task={task} t={t} lang={lang} testId="status" onOpenSettings={onOpenSettings} />;
  if (!data)
    return (
      <div className="stack">
        {status}
        {s.loaded && !s.campaigns.length && <NoCampaigns t={t} />}
      </div>
    );
  const busy = !!task.busy;
  const receipt = s.receipt;

  return (
    <div className="stack">
      {s.campaigns.length > 1 && (
        <ChoiceField
          label={t.campaign}
          value={data.campaign.id}
          options={s.campaigns.map((c) => ({ value: c.id, label: localize(c.name, lang) }))}
          onChange={actions.chooseCampaign}
          testId="campaign"
        />
      )}
      {s.calendar.length > 0 && (
        <UnitCalendar
          calendar={s.calendar}
          waiting={s.waitingPeriods}
          selected={s.periodId}
          canWrite={s.excel && !!s.unit && !busy}
          admin={props.who.roles.includes('admin')}
          t={t}
          lang={lang}
          onOpen={actions.openPeriod}
        />
      )}
      <ChoiceField
        label={t.unit}
        value={s.unitId}
        disabled={!!props.who.unitId}
        placeholder="—"
        options={s.reportingUnits.map((u) => ({ value: u.id, label: `${u.id} — ${u.name}` }))}
        onChange={actions.chooseUnit}
        testId="unit"
      />
      <ChoiceField
        label={t.period}
        hint={s.period ? t.due(formatDateVi(s.period.due)) : undefined}
        value={s.periodId}
        options={data.campaign.periods.map((p) => ({ value: p.id, label: localize(p.label, lang) }))}
        onChange={actions.choosePeriod}
        testId="period"
      />
      <div className="buttons">
        <Button
          appearance="primary"
          disabled={busy || !s.excel || !s.unit || !s.template}
          onClick={actions.insert}
          data-testid="insert"
        >
          {t.insertTemplate}
        </Button>
        <Button disabled={busy || !s.excel} onClick={actions.validate} data-testid="validate">
          {t.validate}
        </Button>
        <Button
          appearance="primary"
          disabled={busy || !s.excel}
          onClick={actions.submit}
          data-testid="submit"
        >
          {t.submit}
        </Button>
      </div>
      {status}
      {s.outdated && (
        <Button disabled={busy || !s.excel} onClick={actions.moveToNewVersion} data-testid="move-version">
          {t.moveToNewVersion}
        </Button>
      )}
      {s.hints.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="hints">
          <MessageBarBody>
            <MessageBarTitle>{t.hintsTitle}</MessageBarTitle>
            <div>{t.hintsLead}</div>
            <ul className="issues">
              {s.hints.map((f) => (
                <li key={f.key}>
                  {f.cell && s.excel ? (
                    <Link onClick={() => actions.goToCell(f.cell!)}>{t.cell(f.cell)}</Link>
                  ) : null}
                  {f.cell && s.excel ? ': ' : ''}
                  {render(f, lang)}
                </li>
              ))}
            </ul>
            <Field label={t.explanation}>
              <Textarea
                value={s.explanation}
                maxLength={1000}
                onChange={(_, d) => actions.editExplanation(d.value)}
                data-testid="explanation"
              />
            </Field>
            <div className="buttons">
              <Button
                size="small"
                appearance="primary"
                disabled={busy || !s.explanation.trim()}
                onClick={actions.submitAnyway}
                data-testid="submit-anyway"
              >
                {t.submitAnyway}
              </Button>
              <Button size="small" onClick={actions.reviseFirst}>
                {t.reviseFirst}
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {s.comments.length > 0 && (
        <Card data-testid="reviewer-comments">
          <Text weight="semibold">{t.reviewerComments}</Text>
          <ul className="issues">
            {s.comments.map((c) => (
              <li key={c.key}>
                {c.cell && s.excel ? (
                  <Link onClick={() => actions.goToCell(c.cell!)}>{c.label}</Link>
                ) : (
                  <Text weight="semibold">{c.label}</Text>
                )}
                : {c.text}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {s.issues.length > 0 && (
        <ul className="issues" data-testid="issues">
          {s.issues.map((i, n) => (
            <li key={n}>
              {i.cell && s.excel ? (
                <Link onClick={() => actions.goToCell(i.cell!)}>{t.cell(i.cell)}</Link>
              ) : (
                <Text weight="semibold">{i.cell ? t.cell(i.cell) : i.key}</Text>
              )}
              : {render(i, lang)}
            </li>
          ))}
        </ul>
      )}
      {s.pending > 0 && (
        <MessageBar intent="warning" data-testid="queue">
          <MessageBarBody>
            {t.waiting(s.pending)}{' '}
            {s.queueProblem && <div>{t.lastError(problemText(s.queueProblem, t))}</div>}
            <div className="buttons">
              <Button size="small" onClick={actions.sendWaiting} data-testid="retry">
                {t.retryNow}
              </Button>
              {s.queueProblem && needsSettings(s.queueProblem) && (
                <Button size="small" appearance="primary" onClick={onOpenSettings}>
                  {t.openSettings}
                </Button>
              )}
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {receipt && (
        <Card data-testid="receipt">
          <Text weight="semibold">{t.receiptTitle}</Text>
          <Text>{t.receiptLine(receipt.revision, formatLocalDateTime(receipt.receivedAt))}</Text>
          <div className="buttons">
            <Badge color={receipt.onTime ? 'success' : 'warning'}>{receipt.onTime ? t.onTime : t.late}</Badge>
            {s.review && (
              <Badge color={s.review.state === 'returned' ? 'danger' : 'informative'}>
                {t.reviewState[s.review.state]}
              </Badge>
            )}
          </div>
          {s.review?.state === 'returned' && s.review.comment && (
            <Text data-testid="review-comment">{t.returnedComment(s.review.comment)}</Text>
          )}
        </Card>
      )}
    </div>
  );
}

const STATE_COLOURS: Record<UnitPeriodState, BadgeProps['color']> = {
  upcoming: 'subtle',
  open: 'brand',
  overdue: 'danger',
  submitted: 'informative',
  returned: 'warning',
  accepted: 'success',
  not_expected: 'subtle',
};

/**
 * “Báo cáo của đơn vị”: the periods that matter now (every one already open or past, and the next
 * upcoming one), newest first, each with its due date and countdown in the campaign's time zone, its state (a report
 * waiting in the outbox counts as sent), and one button that inserts its template or reopens the report.
 */
function UnitCalendar(props: {
  calendar: UnitPeriodStatus[];
  waiting: ReadonlySet<string>;
  selected: string;
  canWrite: boolean;
  admin: boolean;
  t: Strings;
  lang: Language;
  onOpen: (periodId: string) => void;
}) {
  const { t, lang } = props;
  const firstUpcoming = props.calendar.find((p) => p.state === 'upcoming');
  // Newest first: the next deadline on top, older periods below (the list scrolls).
  // Periods the unit need not report in (it had ended, or not yet begun) are left out (units over time).
  const shown = props.calendar
    .filter((p) => (p.state !== 'upcoming' || p === firstUpcoming) && p.state !== 'not_expected')
    .reverse();
  return (
    <section className="stack" data-testid="unit-calendar">
      <Text as="h2" size={400} weight="semibold">
        {t.unitCalendarTitle}
      </Text>
      <ul className="units calendar">
        {shown.map((p) => {
          const waiting = props.waiting.has(p.periodId) && p.state !== 'accepted';
          const pendingDeadline = p.state === 'open' || p.state === 'overdue' || p.state === 'upcoming';
          const reported = p.revision !== undefined;
          return (
            <li
              key={p.periodId}
              data-testid={`calendar-${p.periodId}`}
              aria-current={p.periodId === props.selected ? 'true' : undefined}
            >
              <div>
                <Text weight="semibold">{localize(p.label, lang)}</Text>
              </div>
              <div>
                <Text size={200}>
                  {t.due(formatDateVi(p.due))}
                  {pendingDeadline && !waiting ? ` · ${t.daysLeft(p.daysLeft)}` : ''}
                </Text>
              </div>
              <div className="buttons">
                <Badge color={waiting ? 'informative' : STATE_COLOURS[p.state]} data-testid="calendar-state">
                  {waiting ? t.waitingToSend : t.unitStates[p.state]}
                </Badge>
                {reported && (
                  <Badge appearance="outline" color={p.onTime ? 'success' : 'warning'}>
                    {p.onTime ? t.onTime : t.late}
                  </Badge>
                )}
                {p.locked && (
                  <Badge appearance="outline" color="subtle">
                    {t.periodLocked}
                  </Badge>
                )}
                {p.state !== 'upcoming' && p.state !== 'accepted' && (!p.locked || props.admin) && (
                  <Button
                    size="small"
                    appearance={p.state === 'overdue' || p.state === 'returned' ? 'primary' : 'secondary'}
                    disabled={!props.canWrite}
                    onClick={() => props.onOpen(p.periodId)}
                    data-testid="calendar-open"
                  >
                    {reported ? t.reopenForPeriod : t.insertForPeriod}
                  </Button>
                )}
              </div>
              {p.state === 'returned' && p.review?.comment && (
                <Text size={200}>{t.returnedComment(p.review.comment)}</Text>
              )}
              {p.state === 'returned' && p.review?.fields && Object.keys(p.review.fields).length > 0 && (
                <Text size={200} data-testid="calendar-field-comments">
                  {t.fieldCommentsCount(Object.keys(p.review.fields).length)}
                </Text>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
