/**
 * POST /api/campaigns/{campaignId}/submissions — a clerk for their unit, or an admin.
 * Body: the submission as JSON, or a filled template workbook (.xlsx, read with the same sheet
 * bindings as the add-in; `?submissionId=` optional, else derived from the file's bytes so a
 * re-upload of the same file is a replay; an admin may add `?receivedAt=` to back-fill).
 * 201 with the receipt; a replayed submissionId → 200 and the same receipt, nothing stored;
 * 400 invalid (issues name field keys, and the cell for a workbook); 403 other unit; 409 locked
 * period, outdated template, or (not for an admin) a unit outside its active time on the period's due date or
 * a period due after the campaign ended (`unit_not_active`, `period_after_campaign_end`); 413 too large. An admin may pass `receivedAt` to back-fill a paper report.
 */
import { z } from 'zod';
import { createHash } from 'node:crypto';
import {
  localize,
  problem,
  ReceiptSchema,
  resolvePicked,
  schemaProblems,
  SubmissionSchema,
  type Submission,
} from '../../../shared/src';
import type { CatalogueView } from '../catalog/catalogue-cache';
import { requireCampaign } from '../catalog/lookups';
import {
  authenticateAlongside,
  endpoint,
  invalidBody,
  parseJson,
  readBody,
  type Call,
} from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, HttpError, notFound } from '../http/responses';
import { acceptSubmission } from '../submissions/accept-submission';
import { readUploadedWorkbook } from '../workbook/upload-reader';
import { WorkbookReadError } from '../workbook/workbook-error';
import { XLSX_CONTENT_TYPE } from '../workbook/xlsx-writer';

const JSON_TYPE = 'application/json';
/** Some clients send a file as octet-stream; the bytes decide (a zip or a 400). */
const WORKBOOK_TYPES = [XLSX_CONTENT_TYPE, 'application/octet-stream'];
/** Query parameters of a workbook upload (a JSON body carries `submissionId` and `receivedAt` itself). */
const UPLOAD_QUERY = ['submissionId', 'receivedAt'] as const;

export const submissionsPost = endpoint(async (call) => {
  // A bad token is refused here; the caller's user-table row is read alongside the claim (acceptSubmission),
  // and awaited before any other refusal, so that who may not submit learns nothing else.
  const { principal } = await authenticateAlongside(call);
  const campaignId = call.request.params.campaignId!;
  const body = await submissionBody(call, campaignId).catch(async (e: unknown) => {
    await principal;
    throw e;
  });
  // The campaign is read alongside the claim (acceptSubmission): one round trip before the write.
  if ('json' in body) return acceptSubmission(call, principal, campaignId, body.json);
  await principal; // a workbook is read for a caller known to be allowed in
  const view = await call.services.catalogue.view(campaignId, { templates: true, allUnits: true });
  if (!view) throw notFound('campaign_not_found', { campaignId });
  const { body: submission, cells } = await submissionFromWorkbook(call, view, body.workbook);
  return acceptSubmission(call, principal, campaignId, submission, { cells });
});

/** The request's body: a JSON submission, checked against the schema, or an uploaded workbook's bytes. */
async function submissionBody(
  call: Call,
  campaignId: string,
): Promise<{ json: Submission } | { workbook: Uint8Array }> {
  const { contentType, bytes } = await readBody(call, [JSON_TYPE, ...WORKBOOK_TYPES]);
  if (contentType !== JSON_TYPE) return { workbook: bytes };
  // These say something only of an uploaded workbook; beside a JSON body they would be ignored, and
  // an admin's `?receivedAt=` back-fill silently lost: refused instead (the body carries both).
  for (const name of UPLOAD_QUERY) if (call.request.query.has(name)) throw badRequest('bad_query', { name });
  const parsed = SubmissionSchema.safeParse(parseJson(bytes));
  if (!parsed.success) {
    await requireCampaign(call.services, campaignId); // an unknown campaign is said first
    throw invalidBody(parsed.error.issues);
  }
  return { json: parsed.data };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** Namespace of submission ids derived from uploaded files. */
const UPLOAD_NAMESPACE = Buffer.from('6f1d3c2a8b7e4f0a9c5d2e1b3a4f5c6d', 'hex');

/** A name-based (version 5 layout, SHA-1) UUID of the campaign and the file's bytes. */
export function uploadSubmissionId(campaignId: string, bytes: Uint8Array): string {
  const hash = createHash('sha1').update(UPLOAD_NAMESPACE).update(campaignId).update(bytes).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The uploaded workbook → a submission body, and where each value sits in the sheet. */
async function submissionFromWorkbook(call: Call, view: CatalogueView, bytes: Uint8Array) {
  const query = call.request.query;
  const submissionId = query.get('submissionId') ?? uploadSubmissionId(view.campaign.id, bytes);
  if (!UUID.test(submissionId)) throw badRequest('bad_submission_id');
  const receivedAt = query.get('receivedAt') ?? undefined;
  if (receivedAt !== undefined && !SubmissionSchema.shape.receivedAt.safeParse(receivedAt).success)
    throw badRequest('bad_received_at');

  const read = await readUploadedWorkbook(bytes, {
    campaign: view.campaign,
    templates: view.templates,
  }).catch((e: unknown) => {
    if (e instanceof WorkbookReadError) throw new HttpError(e.status, problem(e.code, e.params), e.details);
    throw e;
  });
  const { draft, template, metaCells } = read;
  // A blank form's unit and period are picked by name: back to their ids.
  if (draft.unitId) {
    draft.unitId = resolvePicked(
      draft.unitId,
      view.units.map((u) => ({ id: u.id, label: u.name })),
    );
  }
  if (draft.periodId)
    draft.periodId = resolvePicked(
      draft.periodId,
      view.periods.map((p) => ({ id: p.id, label: localize(p.label, 'vi') })),
    );
  const cells: Record<string, string> = { ...draft.cells };
  for (const [key, cell] of Object.entries(metaCells)) if (cell) cells[key] = cell;

  const missing = (['unitId', 'periodId'] as const).filter((k) => !draft[k]);
  if (missing.length) {
    throw badRequest(
      'invalid_body',
      undefined,
      missing.map((key) =>
        problem(key === 'unitId' ? 'missing_unit_id' : 'missing_period_id', undefined, {
          path: key,
          key,
          ...(cells[key] ? { cell: cells[key] } : {}),
        }),
      ),
    );
  }
  const parsed = SubmissionSchema.safeParse({
    submissionId,
    templateId: template.id,
    templateVersion: template.version,
    unitId: draft.unitId,
    periodId: draft.periodId,
    values: draft.values,
    tables: draft.tables,
    ...(receivedAt !== undefined ? { receivedAt } : {}),
  });
  if (!parsed.success) {
    throw badRequest(
      'invalid_body',
      undefined,
      schemaProblems(parsed.error.issues).map((i) =>
        i.path && cells[i.path] ? { ...i, cell: cells[i.path] } : i,
      ),
    );
  }
  return { body: parsed.data, cells };
}

registerHttp({
  name: 'submissions-post',
  methods: ['POST'],
  route: 'campaigns/{campaignId}/submissions',
  handler: submissionsPost,
  doc: {
    summary: 'Submit a unit’s report',
    description:
      'A JSON submission, or a filled template workbook (.xlsx; `?submissionId=` optional, else derived from the file, so a re-upload is a replay; an admin may add `?receivedAt=`). A replayed `submissionId` answers 200 with the original receipt and stores nothing',
    tag: 'submissions',
    access: { roles: ['clerk', 'admin'], clerkOwnUnit: true },
    query: {
      submissionId: {
        schema: z.uuid(),
        description: 'workbook upload only (beside a JSON body: 400 `bad_query`): the idempotency key',
      },
      receivedAt: {
        schema: z.iso.datetime({ offset: true }),
        description: 'workbook upload only, admin: when a paper report was received',
      },
    },
    body: {
      json: SubmissionSchema,
      file: 'xlsx',
      example: {
        submissionId: '7d9f3f0e-8a51-4c1e-9a43-3c1f2b6a0e11',
        templateId: 'results',
        templateVersion: 2,
        unitId: 'PC06',
        periodId: '2022-Q3',
        values: { meetings_held: 2, participants: 40, models_built: 1 },
        tables: { models: [{ name: 'Model' }] },
      },
    },
    responses: {
      200: { description: 'A replay: the original receipt, nothing stored', json: ReceiptSchema },
      201: {
        description: 'Accepted: the receipt',
        json: ReceiptSchema,
        example: {
          submissionId: '7d9f3f0e-8a51-4c1e-9a43-3c1f2b6a0e11',
          unitId: 'PC06',
          periodId: '2022-Q3',
          revision: 1,
          receivedAt: '2022-09-10T02:15:00.000Z',
          onTime: true,
        },
      },
    },
    errors: {
      400: [
        'invalid_submission',
        'unit_not_found',
        'period_not_found',
        'version_not_found',
        'wrong_template_kind',
        'bad_submission_id',
        'bad_received_at',
        'not_xlsx',
        'not_template_workbook',
        'missing_unit_id',
        'missing_period_id',
      ],
      404: ['campaign_not_found'],
      409: ['period_locked', 'outdated_template', 'submission_id_reused', 'revision_conflict'],
      413: ['workbook_too_large'],
    },
  },
});
