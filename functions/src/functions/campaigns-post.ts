/**
 * POST /api/campaigns — admin: creates or updates a campaign and its unit registry, without a deploy.
 * Body: the definition as JSON `{campaign, units}`, or the campaign workbook (.xlsx: settings,
 * calendar, units; read by the bounded reader in its worker, then by the shared parser). 201 created,
 * 200 updated, `{campaignId, created, periods, units}`; 400 with problems (a workbook's name sheet,
 * row and column; JSON's name the path); 409 `period_has_reports` when an update would drop a period
 * units have reported for. The campaign's templates are published after it (POST …/templates).
 */
import { z } from 'zod';
import {
  CAMPAIGN_SHEET_NAMES,
  CampaignDefinitionSchema,
  expandCalendar,
  parseCampaignDefinition,
  parseCampaignWorkbook,
  problem,
  type CampaignDefinition,
} from '../../../shared/src';
import { saveCampaign } from '../catalog/campaign-writer';
import { authenticate, endpoint, parseJson, readBody, requireAllowed } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, HttpError, json } from '../http/responses';
import { readUploadedListSheets } from '../workbook/upload-reader';
import { WorkbookReadError } from '../workbook/workbook-error';
import { XLSX_CONTENT_TYPE } from '../workbook/xlsx-writer';

const JSON_TYPE = 'application/json';
const WORKBOOK_TYPES = [XLSX_CONTENT_TYPE, 'application/octet-stream'];

export const campaignsPost = endpoint(async (call) => {
  const principal = await authenticate(call);
  // Only admins go further: nothing of the body is read for anyone else.
  requireAllowed(call, principal, { kind: 'write-campaign' });
  const { contentType, bytes } = await readBody(call, [JSON_TYPE, ...WORKBOOK_TYPES]);
  let def: CampaignDefinition;
  if (contentType === JSON_TYPE) {
    const parsed = parseCampaignDefinition(parseJson(bytes));
    if (!parsed.ok) throw badRequest('invalid_body', undefined, parsed.problems);
    def = parsed.definition;
  } else {
    const sheets = await readUploadedListSheets(bytes, { sheets: CAMPAIGN_SHEET_NAMES }).catch(
      (e: unknown) => {
        if (e instanceof WorkbookReadError)
          throw new HttpError(e.status, problem(e.code, e.params), e.details);
        throw e;
      },
    );
    const parsed = parseCampaignWorkbook(sheets);
    if (!parsed.ok) throw badRequest('invalid_body', undefined, parsed.errors);
    def = parsed.definition;
  }
  // An admin limited to some campaigns creates or edits only those.
  requireAllowed(call, principal, { kind: 'write-campaign', campaignId: def.campaign.id });
  if (contentType !== JSON_TYPE) {
    // The workbook does not carry the scoring scheme (bình xét thi đua): publishing one keeps the stored scheme.
    const scoring = (await call.services.catalog.getCampaign(def.campaign.id))?.scoring;
    if (scoring !== undefined) def = { ...def, campaign: { ...def.campaign, scoring } };
  }
  const { created } = await saveCampaign(call.services, def);
  return json(created ? 201 : 200, {
    campaignId: def.campaign.id,
    created,
    periods: expandCalendar(def.campaign.calendar).length,
    units: def.units.length,
  });
});

/** What POST /campaigns answers. */
const CampaignSavedSchema = z.object({
  campaignId: z.string(),
  created: z.boolean(),
  periods: z.number().int(),
  units: z.number().int(),
});

registerHttp({
  name: 'campaigns-post',
  methods: ['POST'],
  route: 'campaigns',
  handler: campaignsPost,
  doc: {
    summary: 'Create or update a campaign and its unit registry',
    description:
      'The definition as JSON `{campaign, units}`, or the campaign workbook (.xlsx: settings, calendar, units). 201 when the campaign is new, 200 when it is updated (its registry replaced); an update may not drop a period units have reported for (409 `period_has_reports`). Its templates are published afterwards (POST …/templates)',
    tag: 'campaigns',
    access: { roles: ['admin'] },
    body: {
      json: CampaignDefinitionSchema,
      file: 'xlsx',
      example: {
        campaign: {
          id: 'openapi-example',
          name: { vi: 'Example', en: 'An example campaign' },
          organisation: 'Example office',
          standingOffice: 'VP',
          calendar: {
            firstYear: 2026,
            lastYear: 2026,
            recurring: [
              {
                slot: 'Y',
                kind: 'year',
                label: { vi: 'Annual report {year}', en: 'Annual report {year}' },
                due: '11-15',
                templateKind: 'results',
              },
            ],
          },
        },
        units: [
          { id: 'ROOT', name: 'Head office', group: 'board', reports: false },
          { id: 'VP', name: 'Secretariat', group: 'agency', parentId: 'ROOT' },
        ],
      },
    },
    responses: {
      200: { description: 'Updated', json: CampaignSavedSchema },
      201: {
        description: 'Created',
        json: CampaignSavedSchema,
        example: { campaignId: 'openapi-example', created: true, periods: 1, units: 2 },
      },
    },
    errors: {
      400: ['invalid_body', 'not_xlsx', 'unknown_standing_office', 'duplicate_period', 'bad_time_zone'],
      409: ['period_has_reports'],
      413: ['workbook_too_large'],
    },
  },
});
