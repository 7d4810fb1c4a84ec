/**
 * “Bình xét thi đua” in the Tổng hợp tab: renders use-ranking.ts — a year, the units ranked per cluster with
 * their scores, and the button inserting the “Xếp hạng thi đua” sheet.
 */
import { Button, Text } from '@fluentui/react-components';
import type { CampaignWithPeriods, Language } from '../../../shared/src';
import type { ApiClient } from '../api/client';
import type { ExcelGateway } from '../excel/gateway';
import type { Strings } from '../i18n/strings';
import { ChoiceField } from './ChoiceField';
import { StatusArea } from './StatusArea';
import { useRanking } from './use-ranking';

export interface RankingViewProps {
  api: ApiClient;
  gateway: ExcelGateway;
  lang: Language;
  t: Strings;
  campaign: CampaignWithPeriods;
  onOpenSettings: () => void;
}

export function RankingView(props: RankingViewProps) {
  const r = useRanking(props);
  const busy = !!r.task.busy;
  return (
    <section className="stack" data-testid="ranking">
      <Text as="h2" size={400} weight="semibold">
        {r.t.paneTitle}
      </Text>
      {r.year !== undefined && (
        <ChoiceField
          label={r.t.year}
          value={String(r.year)}
          options={r.years.map((y) => ({ value: String(y), label: String(y) }))}
          onChange={(v) => r.actions.chooseYear(Number(v))}
          testId="ranking-year"
        />
      )}
      <Button disabled={busy} onClick={r.actions.load} data-testid="load-ranking">
        {r.t.load}
      </Button>
      <StatusArea
        task={r.task}
        t={props.t}
        lang={props.lang}
        testId="ranking-status"
        onOpenSettings={props.onOpenSettings}
      />
      {r.clusters && r.clusters.length === 0 && <Text>{r.t.empty}</Text>}
      {r.clusters?.map((c) => (
        <div key={c.cluster} className="stack" data-testid="ranking-cluster">
          <Text weight="semibold">{r.t.clusterTitle(c.label)}</Text>
          <ol className="units ranking">
            {c.units.map((u) => (
              <li key={u.unitId} data-testid="ranking-unit">
                {r.t.line(u.rank, u.name, u.score)}
              </li>
            ))}
          </ol>
        </div>
      ))}
      {r.excel && r.clusters && r.clusters.length > 0 && (
        <Button disabled={busy} onClick={r.actions.insertSheet} data-testid="insert-ranking">
          {r.t.insertSheet}
        </Button>
      )}
    </section>
  );
}
