/**
 * The standing office's workflow, as one hook: the campaign and period, refreshing the summary sheets
 * (API roll-up → sheet models → the gateway, with progress), downloading the narrative report draft
 * (.docx), and accepting or returning each unit's report. SummaryPanel only renders what it returns.
 */
import { useEffect, useRef, useState } from 'react';
import {
  buildFreeReportSheet,
  buildSummarySheets,
  freeReportFields,
  currentPeriod,
  deadlineOf,
  samePeriodLastYear,
  type CampaignWithPeriods,
  type Rollup,
} from '../../../shared/src';
import type { ApiClient } from '../api/client';
import type { PanelProps } from './panel-props';
import { saveFile } from './save-file';
import { readToken } from './settings';
import { useCampaigns } from './use-campaigns';
import { useTask } from './use-task';

/** How many periods, newest first, are asked whether they have reports before giving up. */
const PERIODS_LOOKED_BACK = 8;

/**
 * The latest period with reports: the periods already due and the current one, newest first, each asked
 * for its latest revisions until one has some; else the current period.
 */
async function latestPeriodWithReports(api: ApiClient, campaign: CampaignWithPeriods, now: Date) {
  const current = currentPeriod(campaign.periods, now, campaign.timeZone);
  const started = campaign.periods
    .filter((p) => p === current || deadlineOf(p, campaign.timeZone).getTime() <= now.getTime())
    .reverse()
    .slice(0, PERIODS_LOOKED_BACK);
  for (const p of started) if ((await api.latest(campaign.id, p.id)).length > 0) return p.id;
  return current?.id ?? '';
}

export interface SummaryOptions extends Omit<PanelProps, 'onOpenSettings'> {
  /** The campaign shown, for the header's mottos. */
  onCampaign?: (c: CampaignWithPeriods | undefined) => void;
}

export function useSummary({ api, gateway, settings, t, onCampaign }: SummaryOptions) {
  const lang = settings.lang;
  const task = useTask();
  const { run, say, progress } = task;
  const [campaignId, setCampaignId] = useState('');
  const [periodId, setPeriodId] = useState('');
  const [rollup, setRollup] = useState<Rollup>();
  const [returning, setReturning] = useState<{ unitId: string; comment: string }>();
  /** The user has picked a campaign or period: a default found later does not replace it. */
  const picked = useRef(false);

  const { campaigns, reload } = useCampaigns(api, task, t.loading, (list) => {
    // The standing office starts on the campaign it is the standing office of.
    const office = readToken(settings.token)?.unitId;
    const first = list.find((c) => c.standingOffice === office) ?? list[0];
    if (!first) return;
    setCampaignId(first.id);
    // It opens on the latest period with reports (best effort: else the current period).
    const current = currentPeriod(first.periods, new Date(), first.timeZone)?.id ?? '';
    latestPeriodWithReports(api, first, new Date()).then(
      (id) => !picked.current && setPeriodId(id),
      () => !picked.current && setPeriodId(current),
    );
  });

  const campaign = campaigns?.find((c) => c.id === campaignId);
  const period = campaign?.periods.find((p) => p.id === periodId);
  useEffect(() => onCampaign?.(campaign), [campaign, onCampaign]);

  const actions = {
    chooseCampaign(id: string) {
      picked.current = true;
      setCampaignId(id);
      setPeriodId('');
      setRollup(undefined);
    },
    choosePeriod(id: string) {
      picked.current = true;
      setPeriodId(id);
      setRollup(undefined);
    },

    /** Fetches the roll-up and, in Excel, writes the summary sheets; outside Excel only the review list. */
    refresh() {
      run(t.fetchingRollup, async () => {
        if (!campaign || !period) return;
        const r = await api.rollup(campaign.id, period.id);
        setRollup(r);
        const { submitted, expected } = r.completeness;
        if (!gateway.available) return say({ intent: 'info', text: t.rollupLoaded(submitted, expected) });
        const previousPeriod = samePeriodLastYear(period, campaign.periods);
        const sheets = buildSummarySheets(r, {
          campaign,
          period,
          ...(previousPeriod ? { previousPeriod } : {}),
          lang,
          generatedAt: new Date().toISOString(),
        });
        progress(t.writingSheets(0, sheets.length));
        await gateway.writeSheets(sheets, (done, total) => progress(t.writingSheets(done, total)));
        say({
          intent: 'success',
          text: t.summaryWritten(sheets.length, submitted, expected),
        });
      });
    },

    /** Inserts “Mẫu báo cáo tự do”: a one-page province summary of BAOCAO.* formulas, for the period. */
    insertFreeReport() {
      run(t.insertingFreeReport, async () => {
        if (!campaign || !period) return;
        const [templates, units] = await Promise.all([api.templates(campaign.id), api.units(campaign.id)]);
        const sheet = buildFreeReportSheet({
          campaign,
          period,
          fields: freeReportFields(templates, period),
          units,
          lang,
        });
        const name = await gateway.insertSheet(sheet);
        say({ intent: 'success', text: t.freeReportInserted(name) });
      });
    },

    /** Downloads the period's narrative report draft (.docx), written by the server from the roll-up. */
    downloadReport() {
      run(t.preparingReport, async () => {
        if (!campaign || !period) return;
        const file = await api.report(campaign.id, period.id);
        saveFile(file.bytes, file.fileName, file.contentType);
        say({ intent: 'success', text: t.reportDownloaded(file.fileName) });
      });
    },

    review(unitId: string, action: 'accept' | 'return', comment?: string) {
      run(t.reviewing, async () => {
        if (!campaign || !period) return;
        const r = await api.review(campaign.id, unitId, period.id, action, comment);
        setRollup(
          (old) =>
            old && {
              ...old,
              units: old.units.map((u) => (u.unitId === unitId ? { ...u, review: r.review } : u)),
            },
        );
        say({ intent: 'success', text: t.reviewDone(unitId, t.reviewState[r.review.state]) });
        setReturning(undefined);
      });
    },

    startReturn: (unitId: string) => setReturning({ unitId, comment: '' }),
    editReturn: (unitId: string, comment: string) => setReturning({ unitId, comment }),
  };

  return {
    task,
    reload,
    campaigns: campaigns ?? [],
    loaded: campaigns !== undefined,
    campaign,
    campaignId,
    period,
    periodId,
    rollup,
    returning,
    excel: gateway.available,
    actions,
  };
}
