/**
 * The clerk's steps, as plain functions over the gateway and the API client: insert a template sheet,
 * read and validate it, build the submission, move values to a newer template version.
 */
import {
  attachCells,
  buildTemplateSheet,
  fieldName,
  localize,
  reviewTargets,
  normalizeSubmission,
  readCampaignSheet,
  validateSubmission,
  type CampaignWithPeriods,
  type Language,
  type Period,
  type SheetDraft,
  type SubmissionInput,
  type Template,
  type Unit,
  type ValidationIssue,
} from '../../../shared/src';
import type { ApiClient } from '../api/client';
import type { ExcelGateway } from '../excel/gateway';

export interface CampaignData {
  campaign: CampaignWithPeriods;
  units: Unit[];
  /** Active versions, plus older versions fetched when a sheet needs one. */
  templates: Template[];
}

export async function loadCampaignData(api: ApiClient, campaign: CampaignWithPeriods): Promise<CampaignData> {
  const [units, templates] = await Promise.all([api.units(campaign.id), api.templates(campaign.id)]);
  return { campaign, units, templates };
}

export function templateForPeriod(
  data: CampaignData,
  period: Pick<Period, 'templateKind'>,
): Template | undefined {
  return data.templates
    .filter((t) => t.kind === period.templateKind)
    .sort((a, b) => b.version - a.version)[0];
}

/** The newest version the pane knows of a template, when it is newer than the one given. */
export function newerVersion(data: CampaignData, template: Template): Template | undefined {
  const newest = data.templates.filter((t) => t.id === template.id).sort((a, b) => b.version - a.version)[0];
  return newest && newest.version > template.version ? newest : undefined;
}

export async function insertTemplate(
  gateway: ExcelGateway,
  data: CampaignData,
  template: Template,
  unit: Unit,
  period: Period,
  lang: Language,
  prefill?: Pick<SheetDraft, 'values' | 'tables'>,
): Promise<string> {
  const model = buildTemplateSheet(template, {
    campaign: data.campaign,
    unit,
    period,
    lang,
    ...(prefill ? { values: prefill.values, tables: prefill.tables } : {}),
  });
  return gateway.insertSheet(model);
}

/** A reviewer's comment on a field (or table) of a returned report, as the pane lists it. */
export interface ReviewerComment {
  key: string;
  /** The field's label (the table's title) in the pane's language; the key when the template lost it. */
  label: string;
  text: string;
  /** The commented input cell (fields only). */
  cell?: string;
}

/**
 * Reopens the unit's latest report of a period in a new sheet, with its values. When the reviewer returned it
 * with comments on fields, the sheet model highlights those cells and gives them the comments as notes (where
 * the host has notes); the comments come back for the pane to list.
 */
export async function reopenReport(
  gateway: ExcelGateway,
  api: ApiClient,
  data: CampaignData,
  template: Template,
  unit: Unit,
  period: Period,
  lang: Language,
): Promise<{ sheetName: string; reopened: boolean; comments: ReviewerComment[] }> {
  const [last] = await api.latest(data.campaign.id, period.id, unit.id);
  const review = last?.review;
  const fields =
    review?.state === 'returned' && (review.revision ?? last!.revision) === last!.revision
      ? (review.fields ?? {})
      : {};
  const model = buildTemplateSheet(template, {
    campaign: data.campaign,
    unit,
    period,
    lang,
    ...(last ? { values: last.values, tables: last.tables } : {}),
    comments: fields,
  });
  const sheetName = await gateway.insertSheet(model);
  const labels = reviewTargets(template);
  const comments = Object.entries(fields).map(([key, text]) => {
    const label = labels.get(key);
    const cell = model.names.find((n) => n.name === fieldName(key))?.ref;
    return { key, label: label ? localize(label, lang) : key, text, ...(cell ? { cell } : {}) };
  });
  return { sheetName, reopened: !!last, comments };
}

export type SheetCheck =
  | { ok: false; reason: 'not_a_template' }
  | { ok: true; sheetName: string; template: Template; draft: SheetDraft; issues: ValidationIssue[] };

/** Reads a sheet (default: the active one) in one sync and validates it with the shared code. */
export async function checkSheet(
  gateway: ExcelGateway,
  api: ApiClient,
  data: CampaignData,
  lang: Language,
  sheetName?: string,
): Promise<SheetCheck> {
  const values = await gateway.readSheet(sheetName);
  let located = readCampaignSheet(data.campaign, data.templates, values.cellAt);
  if (!located.ok && located.reason === 'unknown_template' && located.templateId && located.templateVersion) {
    // A sheet of an older version: fetch that version once and read again.
    const older = await api
      .templateVersion(data.campaign.id, located.templateId, located.templateVersion)
      .catch(() => undefined);
    if (older) {
      data.templates.push(older);
      located = readCampaignSheet(data.campaign, data.templates, values.cellAt);
    }
  }
  if (!located.ok) return { ok: false, reason: 'not_a_template' };
  const normalized = normalizeSubmission(located.draft);
  const issues = attachCells(validateSubmission(located.template, normalized), located.draft.cells);
  return { ok: true, sheetName: values.sheetName, template: located.template, draft: located.draft, issues };
}

export function newSubmissionId(): string {
  return globalThis.crypto.randomUUID();
}

export function submissionFrom(check: Extract<SheetCheck, { ok: true }>): SubmissionInput {
  const { draft, template } = check;
  return normalizeSubmission({
    submissionId: newSubmissionId(),
    templateId: template.id,
    templateVersion: template.version,
    unitId: draft.unitId ?? '',
    periodId: draft.periodId ?? '',
    values: draft.values,
    tables: draft.tables,
  });
}
