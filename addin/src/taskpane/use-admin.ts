/**
 * The admin's workflow, as one hook: open the campaign workbook and publish it (creating or
 * updating the campaign); open a template's definition sheets and publish the edited version; open and save the unit registry and the user list as sheets. Problems found in a sheet
 * are listed with their place (a click selects the cell); lock and unlock a period, with a reason.
 * AdminPanel only renders.
 */
import { useEffect, useState } from 'react';
import {
  activeTemplates,
  campaignSheetModels,
  CAMPAIGN_SHEET_NAMES,
  currentPeriod,
  parseCampaignWorkbook,
  type CampaignSheets,
  definitionSheetModels,
  DEFINITION_SHEET_NAMES,
  parseTemplateDefinition,
  parseUnitRows,
  parseUserRows,
  usersSheetModel,
  unitsSheetModel,
  type DefinitionSheets,
  type Template,
} from '../../../shared/src';
import type { SheetProblem } from '../../../shared/src/sheet/grid';
import type { PanelProps } from './panel-props';
import { saveFile } from './save-file';
import { useCampaigns } from './use-campaigns';
import { useTask } from './use-task';

export function useAdmin({ api, gateway, t }: Omit<PanelProps, 'onOpenSettings'>) {
  const task = useTask();
  const { run, say, fail } = task;
  const [campaignId, setCampaignId] = useState('');
  const [templates, setTemplates] = useState<Template[]>([]);
  const [templateId, setTemplateId] = useState('');
  /** Problems found in the sheets the admin edits, with their place. */
  const [sheetProblems, setSheetProblems] = useState<SheetProblem[]>([]);
  const [lockPeriodId, setLockPeriodId] = useState('');
  const [lockReason, setLockReason] = useState('');
  /** Locks changed in this session, by `<campaign>|<period>` (the campaign list is as first loaded). */
  const [lockChanges, setLockChanges] = useState<Record<string, boolean>>({});

  // A reload (after a campaign is published) keeps the campaign chosen, when it is still listed.
  const { campaigns, reload } = useCampaigns(api, task, t.loading, (list) =>
    setCampaignId((current) => (list.some((c) => c.id === current) ? current : (list[0]?.id ?? ''))),
  );

  const campaign = campaigns?.find((c) => c.id === campaignId);
  const periods = (campaign?.periods ?? []).map((p) => {
    const changed = lockChanges[`${campaignId}|${p.id}`];
    return changed === undefined ? p : { ...p, locked: changed };
  });
  const lockPeriod = periods.find((p) => p.id === lockPeriodId);
  useEffect(() => {
    if (campaign) setLockPeriodId(currentPeriod(campaign.periods, new Date(), campaign.timeZone)?.id ?? '');
  }, [campaign]);

  useEffect(() => {
    if (!campaignId) return;
    run(t.loading, async () => {
      const list = await api.templates(campaignId);
      setTemplates(activeTemplates(list));
      setTemplateId(list[0]?.id ?? '');
    });
  }, [api, campaignId, run, t]);

  const template = templates.find((x) => x.id === templateId);

  /** Runs a step with the sheet problems of the previous one cleared. */
  const step = (label: string, work: () => Promise<void>) =>
    run(label, async () => {
      setSheetProblems([]);
      await work();
    });

  /** Problems found in a sheet: listed with their places; the notice says which sheets. */
  const found = (errors: SheetProblem[], text: string) => {
    setSheetProblems(errors);
    say({ intent: 'error', text });
  };

  const actions = {
    chooseCampaign: setCampaignId,
    chooseTemplate: setTemplateId,

    openDefinition() {
      step(t.openDefinition, async () => {
        if (!template) return;
        await gateway.writeSheets(definitionSheetModels(template));
        say({ intent: 'info', text: t.definitionOpened });
      });
    },

    publish() {
      step(t.publishing, async () => {
        const read = await gateway.readSheets([...DEFINITION_SHEET_NAMES]);
        const sheets: Partial<DefinitionSheets> = {};
        for (const name of DEFINITION_SHEET_NAMES) if (read[name]) sheets[name] = read[name]!.rows;
        const parsed = parseTemplateDefinition(sheets, { campaignId });
        if (!parsed.ok) return found(parsed.errors, t.definitionErrors(parsed.errors.length));
        const r = await api.publishTemplate(campaignId, parsed.template);
        setTemplates((old) => [...old.filter((x) => x.id !== r.templateId), parsed.template]);
        say({ intent: 'success', text: t.published(r.templateId, r.version) });
      });
    },

    /** The campaign workbook (settings, calendar, units) into the open workbook, to edit. */
    openCampaign() {
      step(t.openCampaign, async () => {
        if (!campaignId) return;
        await gateway.writeSheets(campaignSheetModels(await api.campaignDefinition(campaignId)));
        say({ intent: 'info', text: t.campaignOpened });
      });
    },

    /** Reads the three sheets, checks them here (problems with their cells), then creates or updates the campaign. */
    publishCampaign() {
      step(t.publishing, async () => {
        const read = await gateway.readSheets([...CAMPAIGN_SHEET_NAMES]);
        const sheets: Partial<CampaignSheets> = {};
        for (const name of CAMPAIGN_SHEET_NAMES) if (read[name]) sheets[name] = read[name]!.rows;
        const parsed = parseCampaignWorkbook(sheets);
        if (!parsed.ok) return found(parsed.errors, t.campaignErrors(parsed.errors.length));
        const r = await api.saveCampaign(parsed.definition);
        reload();
        setCampaignId(r.campaignId);
        say({ intent: 'success', text: t.campaignSaved(r.campaignId, r.created) });
      });
    },

    /** The campaign workbook as a file, for an admin who edits it outside this workbook. */
    downloadCampaign() {
      step(t.downloadCampaign, async () => {
        if (!campaignId) return;
        const file = await api.campaignWorkbook(campaignId);
        saveFile(file.bytes, file.fileName, file.contentType);
      });
    },

    openUnits() {
      step(t.openUnits, async () => {
        await gateway.writeSheets([unitsSheetModel(await api.units(campaignId))]);
        say({ intent: 'info', text: t.unitsOpened });
      });
    },

    /** The `units` sheet becomes the registry (units not on it are removed), in requests of ≤ 1,000 units. */
    saveUnits() {
      step(t.saveUnits, async () => {
        const { units: sheet } = await gateway.readSheets(['units']);
        if (!sheet) return say({ intent: 'error', text: t.sheetMissing('units') });
        const parsed = parseUnitRows(sheet.rows);
        if (!parsed.ok) return found(parsed.errors, t.sheetErrors('units', parsed.errors.length));
        // Any size: PATCH requests of ≤ 1,000 units, the spinner counting them (client.ts replaceUnits).
        const r = await api.replaceUnits(campaignId, parsed.records, (done, total) =>
          task.progress(t.unitsSending(done, total)),
        );
        say({
          intent: 'success',
          text: r.removed ? t.unitsSavedRemoved(r.saved, r.removed) : t.unitsSaved(r.saved),
        });
      });
    },

    openUsers() {
      step(t.openUsers, async () => {
        await gateway.writeSheets([usersSheetModel(await api.users())]);
        say({ intent: 'info', text: t.usersOpened });
      });
    },

    saveUsers() {
      step(t.saveUsers, async () => {
        const { users: sheet } = await gateway.readSheets(['users']);
        if (!sheet) return say({ intent: 'error', text: t.sheetMissing('users') });
        const parsed = parseUserRows(sheet.rows);
        if (!parsed.ok) return found(parsed.errors, t.sheetErrors('users', parsed.errors.length));
        for (const user of parsed.records) await api.putUser(user);
        say({ intent: 'success', text: t.usersSaved(parsed.records.length) });
      });
    },

    chooseLockPeriod: setLockPeriodId,
    editLockReason: setLockReason,

    /** Locks or unlocks the chosen period (the reason is kept in the server's log). */
    setLock(locked: boolean) {
      step(t.locking, async () => {
        if (!lockPeriod || !lockReason.trim()) return;
        const r = await api.lockPeriod(campaignId, lockPeriod.id, locked, lockReason.trim());
        setLockChanges((old) => ({ ...old, [`${campaignId}|${r.periodId}`]: r.locked }));
        setLockReason('');
        say({
          intent: 'success',
          text: r.locked ? t.periodLockedDone(r.periodId) : t.periodUnlockedDone(r.periodId),
        });
      });
    },

    goTo(p: SheetProblem) {
      if (p.row === null || p.column === null) return;
      gateway.selectCell(p.sheet, `${p.column}${p.row}`).catch((e: unknown) => fail(e));
    },
  };

  return {
    task,
    reload,
    campaigns: campaigns ?? [],
    loaded: campaigns !== undefined,
    campaignId,
    templates,
    templateId,
    template,
    sheetProblems,
    periods,
    lockPeriod,
    lockReason,
    excel: gateway.available,
    actions,
  };
}
