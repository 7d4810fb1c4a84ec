/**
 * The yearly ranking (bình xét thi đua) in the Tổng hợp tab, as one hook (docs/architecture.md, "The task
 * pane"): the units ranked per cluster for a year (GET …/ranking?year=), and the “Xếp hạng thi đua” sheet
 * (shared/src/sheet/ranking-sheet.ts) written through the gateway. RankingView.tsx only renders.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  buildRankingSheet,
  catalogue,
  clusterLabel,
  localIsoDate,
  type CampaignWithPeriods,
  type Language,
  type RankedUnit,
} from '../../../shared/src';
import type { ApiClient, RankingAnswer } from '../api/client';
import type { ExcelGateway } from '../excel/gateway';
import { useTask } from './use-task';

export interface RankingOptions {
  api: ApiClient;
  gateway: ExcelGateway;
  lang: Language;
  campaign: CampaignWithPeriods;
}

/** The ranked units grouped by cluster, in the answer's order (cluster, then rank). */
export function byCluster(
  units: readonly RankedUnit[],
  lang: Language,
): { cluster: string; label: string; units: RankedUnit[] }[] {
  const groups = new Map<string, RankedUnit[]>();
  for (const u of units) groups.set(u.cluster, [...(groups.get(u.cluster) ?? []), u]);
  return [...groups].map(([cluster, list]) => ({ cluster, label: clusterLabel(cluster, lang), units: list }));
}

export function useRanking({ api, gateway, lang, campaign }: RankingOptions) {
  const t = catalogue(lang).ranking;
  const task = useTask();
  const { run, say } = task;
  const years = useMemo(
    () => [...new Set(campaign.periods.map((p) => p.year))].sort((a, b) => b - a),
    [campaign],
  );
  /** This year of the campaign's calendar by this machine's date, else its last year. */
  const [year, setYear] = useState<number>();
  const [answer, setAnswer] = useState<RankingAnswer>();
  useEffect(() => {
    const now = Number(localIsoDate(new Date(), campaign.timeZone).slice(0, 4));
    setYear(years.includes(now) ? now : years[0]);
    setAnswer(undefined);
  }, [campaign, years]);

  const shown = answer && answer.campaignId === campaign.id && answer.year === year ? answer : undefined;

  const actions = {
    chooseYear(y: number) {
      setYear(y);
    },
    load() {
      if (year === undefined) return;
      run(t.loading, async () => setAnswer(await api.ranking(campaign.id, year)));
    },
    /** Writes the “Xếp hạng thi đua” sheet (replacing one of the same name) for the ranking shown. */
    insertSheet() {
      if (!shown) return;
      run(t.inserting, async () => {
        const sheet = buildRankingSheet(shown.units, {
          campaign,
          year: shown.year,
          until: shown.until,
          lang,
        });
        await gateway.writeSheets([sheet]);
        say({ intent: 'success', text: t.inserted(sheet.name), testId: 'ranking-inserted' });
      });
    },
  };

  return {
    t,
    task,
    year,
    years,
    clusters: shown ? byCluster(shown.units, lang) : undefined,
    excel: gateway.available,
    actions,
  };
}
