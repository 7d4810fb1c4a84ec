/** Admins: author a template in its definition workbook and publish it; edit the unit registry in a sheet. */
import { Button, Link, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import {
  activeTemplates,
  definitionSheetModels,
  DEFINITION_SHEET_NAMES,
  localize,
  parseTemplateDefinition,
  parseUnitRows,
  parseUserRows,
  renderWithPlace,
  usersSheetModel,
  unitsSheetModel,
  type DefinitionSheets,
  type Language,
  type Problem,
  type Template,
} from '../../../shared/src';
import { ApiError } from '../api/client';
import { ChoiceField } from './ChoiceField';
import { useCampaigns, type PanelProps } from './panel-props';

type Message = { intent: 'success' | 'error' | 'info'; text: string };

/** A problem to list: one of a sheet (a link to its cell), or one the API sent back. */
type Listed = Problem | { text: string };

/** The text of a listed problem, with its place in the sheet; for a code this pane does not know, the server's text. */
function listedText(p: Listed, lang: Language): string {
  if ('text' in p) return p.text;
  try {
    return (p.path ? `${p.path}: ` : '') + renderWithPlace(p, lang);
  } catch {
    return (p as { message?: string }).message ?? p.code; // the server's text, else the code
  }
}

/** An entry of an API error's details: a problem (`{ code, params?, path? }`), a string, or anything else. */
function listedDetail(d: unknown): Listed {
  if (d && typeof d === 'object' && typeof (d as { code?: unknown }).code === 'string') return d as Problem;
  if (typeof d === 'string') return { text: d };
  return { text: String((d as { message?: string } | null)?.message ?? JSON.stringify(d)) };
}

export function AdminPanel({ api, gateway, settings, t }: PanelProps) {
  const lang = settings.lang;
  const [campaignId, setCampaignId] = useState('');
  const [templates, setTemplates] = useState<Template[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<Message>();
  const [problems, setProblems] = useState<Listed[]>([]);

  const campaigns = useCampaigns(
    api,
    (list) => setCampaignId(list[0]?.id ?? ''),
    (e) => setMessage({ intent: 'error', text: e.message }),
  );

  useEffect(() => {
    if (!campaignId) return;
    api
      .templates(campaignId)
      .then((list) => {
        setTemplates(activeTemplates(list));
        setTemplateId(list[0]?.id ?? '');
      })
      .catch((e: Error) => setMessage({ intent: 'error', text: e.message }));
  }, [api, campaignId]);

  async function run(label: string, fn: () => Promise<void>) {
    setBusy(label);
    setMessage(undefined);
    setProblems([]);
    try {
      await fn();
    } catch (e) {
      setMessage({ intent: 'error', text: (e as Error).message });
      if (e instanceof ApiError && Array.isArray(e.details)) setProblems(e.details.map(listedDetail));
    } finally {
      setBusy(undefined);
    }
  }

  const template = templates.find((x) => x.id === templateId);

  const openDefinition = () =>
    run(t.openDefinition, async () => {
      if (!template) return;
      await gateway.writeSheets(definitionSheetModels(template));
      setMessage({ intent: 'info', text: t.definitionOpened });
    });

  const publish = () =>
    run(t.publishing, async () => {
      const read = await gateway.readSheets([...DEFINITION_SHEET_NAMES]);
      const sheets: Partial<DefinitionSheets> = {};
      for (const name of DEFINITION_SHEET_NAMES) if (read[name]) sheets[name] = read[name]!.rows;
      const parsed = parseTemplateDefinition(sheets, { campaignId });
      if (!parsed.ok) {
        setProblems(parsed.errors);
        setMessage({ intent: 'error', text: t.definitionErrors(parsed.errors.length) });
        return;
      }
      const r = await api.publishTemplate(campaignId, parsed.template);
      setTemplates((old) => [...old.filter((x) => x.id !== r.templateId), parsed.template]);
      setMessage({ intent: 'success', text: t.published(r.templateId, r.version) });
    });

  const openUnits = () =>
    run(t.openUnits, async () => {
      await gateway.writeSheets([unitsSheetModel(await api.units(campaignId))]);
      setMessage({ intent: 'info', text: t.unitsOpened });
    });

  const saveUnits = () =>
    run(t.saveUnits, async () => {
      const { units: sheet } = await gateway.readSheets(['units']);
      if (!sheet) return setMessage({ intent: 'error', text: t.sheetMissing('units') });
      const parsed = parseUnitRows(sheet.rows);
      if (!parsed.ok) {
        setProblems(parsed.errors);
        setMessage({ intent: 'error', text: t.sheetErrors('units', parsed.errors.length) });
        return;
      }
      const saved = await api.putUnits(campaignId, parsed.records);
      setMessage({ intent: 'success', text: t.unitsSaved(saved.length) });
    });

  const openUsers = () =>
    run(t.openUsers, async () => {
      await gateway.writeSheets([usersSheetModel(await api.users())]);
      setMessage({ intent: 'info', text: t.usersOpened });
    });

  const saveUsers = () =>
    run(t.saveUsers, async () => {
      const { users: sheet } = await gateway.readSheets(['users']);
      if (!sheet) return setMessage({ intent: 'error', text: t.sheetMissing('users') });
      const parsed = parseUserRows(sheet.rows);
      if (!parsed.ok) {
        setProblems(parsed.errors);
        setMessage({ intent: 'error', text: t.sheetErrors('users', parsed.errors.length) });
        return;
      }
      for (const user of parsed.records) await api.putUser(user);
      setMessage({ intent: 'success', text: t.usersSaved(parsed.records.length) });
    });

  if (!campaigns.length) return <Spinner label={t.loading} />;
  return (
    <div className="stack">
      <ChoiceField
        label={t.campaign}
        value={campaignId}
        options={campaigns.map((c) => ({ value: c.id, label: localize(c.name, lang) }))}
        onChange={setCampaignId}
        testId="admin-campaign"
      />
      <ChoiceField
        label={t.template}
        value={templateId}
        options={templates.map((x) => ({ value: x.id, label: `${localize(x.title, lang)} (v${x.version})` }))}
        onChange={setTemplateId}
        testId="admin-template"
      />
      <div className="buttons">
        <Button disabled={!!busy || !template} onClick={openDefinition} data-testid="open-definition">
          {t.openDefinition}
        </Button>
        <Button appearance="primary" disabled={!!busy} onClick={publish} data-testid="publish">
          {t.publish}
        </Button>
      </div>
      <div className="buttons">
        <Button disabled={!!busy} onClick={openUnits} data-testid="open-units">
          {t.openUnits}
        </Button>
        <Button disabled={!!busy} onClick={saveUnits} data-testid="save-units">
          {t.saveUnits}
        </Button>
      </div>
      <div className="buttons">
        <Button disabled={!!busy} onClick={openUsers} data-testid="open-users">
          {t.openUsers}
        </Button>
        <Button disabled={!!busy} onClick={saveUsers} data-testid="save-users">
          {t.saveUsers}
        </Button>
      </div>
      {busy && <Spinner size="small" label={busy} />}
      {message && (
        <MessageBar intent={message.intent} data-testid="admin-status">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {problems.length > 0 && (
        <ul className="issues" data-testid="admin-problems">
          {problems.map((p, i) => (
            <li key={i}>
              {'code' in p && p.sheet && p.row != null && p.column != null ? (
                <Link onClick={() => void gateway.selectCell(p.sheet!, `${p.column}${p.row}`)}>
                  {listedText(p, lang)}
                </Link>
              ) : (
                listedText(p, lang)
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
