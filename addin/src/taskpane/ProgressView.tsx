/**
 * “Tiến độ nộp báo cáo”, the standing office's first screen in the Tổng hợp tab: renders use-progress.ts —
 * the units × periods of a year with the states coloured as on the sheet (sheet/looks.ts), the counts per
 * period, the overdue units with their contacts and reminders, and the button inserting the sheet.
 */
import { Button, Link, Text, Textarea } from '@fluentui/react-components';
import {
  CONDITIONAL_LOOKS,
  formatDateVi,
  localIsoDate,
  localize,
  STATE_LOOKS,
  type CampaignWithPeriods,
  type Language,
  type PeriodCounts,
  type ProgressCell,
} from '../../../shared/src';
import type { ApiClient } from '../api/client';
import type { ExcelGateway } from '../excel/gateway';
import type { Strings } from '../i18n/strings';
import { ChoiceField } from './ChoiceField';
import { StatusArea } from './StatusArea';
import { useProgress } from './use-progress';

export interface ProgressViewProps {
  api: ApiClient;
  gateway: ExcelGateway;
  lang: Language;
  t: Strings;
  campaign: CampaignWithPeriods | undefined;
  onOpenSettings: () => void;
}

/** The counts shown under the matrix, in this order. */
const COUNTS: (keyof PeriodCounts)[] = [
  'expected',
  'submitted',
  'onTime',
  'late',
  'returned',
  'accepted',
  'missing',
];

export function ProgressView(props: ProgressViewProps) {
  const p = useProgress(props);
  const { t, view, actions } = p;
  const busy = !!p.task.busy;
  const status = (
    <StatusArea
      task={p.task}
      t={props.t}
      lang={props.lang}
      testId="progress-status"
      onOpenSettings={props.onOpenSettings}
    />
  );
  if (!view) return <section className="stack">{status}</section>;
  const cellStyle = (cell: ProgressCell | undefined) => {
    if (!cell) return undefined;
    const look = CONDITIONAL_LOOKS[STATE_LOOKS[cell.state]];
    return { background: look.fill, color: look.fontColor };
  };
  return (
    <section className="stack progress" data-testid="progress">
      <Text as="h2" size={400} weight="semibold">
        {t.title}
      </Text>
      <div className="progress-bar">
        <ChoiceField
          label={t.year}
          value={String(p.year ?? '')}
          options={p.years.map((y) => ({ value: String(y), label: String(y) }))}
          onChange={(v) => actions.chooseYear(Number(v))}
          testId="progress-year"
        />
        <Text size={200} data-testid="progress-as-of">
          {t.asOf(formatDateVi(localIsoDate(new Date(view.now), view.timeZone)))}
        </Text>
      </div>
      <div className="matrix" data-testid="progress-counts">
        <table>
          <thead>
            <tr>
              <th className="unit">{t.countsTitle}</th>
              {view.periods.map((period) => (
                <th key={period.id}>{period.id.slice(5)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {COUNTS.map((key) => (
              <tr key={key} data-testid={`count-${key}`}>
                <th className="unit">{t.counts[key]}</th>
                {view.periods.map((period) => (
                  <td key={period.id}>{view.progress.counts[period.id]?.[key] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="matrix" data-testid="progress-matrix">
        <table>
          <thead>
            <tr>
              <th className="unit">{t.unit}</th>
              {view.periods.map((period) => (
                <th
                  key={period.id}
                  title={`${localize(period.label, props.lang)} · ${formatDateVi(period.due)}`}
                >
                  {period.id.slice(5)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.progress.units.map((u) => (
              <tr key={u.unitId} data-testid={`progress-${u.unitId}`}>
                <th className="unit" title={u.name}>
                  {u.shortName ?? u.unitId}
                </th>
                {view.periods.map((period) => {
                  const cell = u.cells[period.id];
                  return (
                    <td key={period.id} style={cellStyle(cell)} data-state={cell?.state ?? 'none'}>
                      {cell ? t.cellStates[cell.state] : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button disabled={busy || !p.excel} onClick={actions.insertSheet} data-testid="progress-insert-sheet">
        {t.insertSheet}
      </Button>
      {status}
      <Text weight="semibold">{t.overdueTitle(view.late.length)}</Text>
      {view.late.length === 0 && <Text size={200}>{t.noneOverdue}</Text>}
      {view.late.length > 0 && (
        <div className="buttons">
          <Button
            size="small"
            appearance="primary"
            onClick={() => actions.copy('all')}
            data-testid="copy-all"
          >
            {t.copyAllReminders}
          </Button>
          {view.allMailto && (
            <Link href={view.allMailto.href} data-testid="mail-all">
              {t.mailAllReminders}
            </Link>
          )}
        </div>
      )}
      {view.allMailto?.tooLong && <Text size={200}>{t.mailTooLong}</Text>}
      {p.manualCopy && <Textarea readOnly value={p.manualCopy} rows={8} data-testid="manual-copy" />}
      <ul className="units" data-testid="overdue-list">
        {view.late.map((u) => (
          <li key={u.unitId} data-testid={`overdue-${u.unitId}`}>
            <div>
              <Text weight="semibold">{u.name}</Text>
            </div>
            <div>
              <Text size={200}>
                {u.periods.map((x) => t.overdueItem(x.periodId, x.daysLate)).join(' · ')}
              </Text>
            </div>
            <div>
              <Text size={200} italic={!u.contact}>
                {u.contact ?? t.noContact}
              </Text>
            </div>
            <div className="buttons">
              <Button size="small" onClick={() => actions.copy(u.unitId)} data-testid="copy-reminder">
                {t.copyReminder}
              </Button>
              {u.mailto && (
                <Link href={u.mailto.href} data-testid="mail-reminder">
                  {t.mailReminder}
                </Link>
              )}
            </div>
            {u.mailto?.tooLong && <Text size={200}>{t.mailTooLongUnit}</Text>}
          </li>
        ))}
      </ul>
    </section>
  );
}
