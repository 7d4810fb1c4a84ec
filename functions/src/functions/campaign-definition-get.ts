/**
 * GET /api/campaigns/{campaignId}/definition[?format=json] — signed in (like the unit registry it
 * holds): the campaign workbook (.xlsx: settings, calendar, units) to edit and publish again with
 * POST /api/campaigns (`npm run campaign -- export`), or the same definition as JSON `{campaign, units}`
 * for the add-in, which draws the sheets itself.
 */
import { z } from 'zod';
import { CampaignDefinitionSchema, campaignSheetModels } from '../../../shared/src';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, json } from '../http/responses';
import { attachment } from '../workbook/download';
import { renderWorkbook } from '../workbook/xlsx-writer';

export const campaignDefinitionGet = endpoint(async (call) => {
  const campaignId = call.request.params.campaignId!;
  await allowed(call, { kind: 'read-units', campaignId });
  const format = call.request.query.get('format') ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'json') throw badRequest('bad_format');
  const { campaign, units } = await requireCampaign(call.services, campaignId, { allUnits: true });
  if (format === 'json') return json(200, { campaign, units });
  const workbook = await renderWorkbook(campaignSheetModels({ campaign, units }), {
    title: campaign.name.vi,
    now: call.services.now(),
  });
  return attachment(workbook, ['phong-trao', campaign.id]);
});

registerHttp({
  name: 'campaign-definition-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/definition',
  handler: campaignDefinitionGet,
  doc: {
    summary: 'The campaign workbook of a campaign, or its definition as JSON',
    description:
      'Sheets settings, calendar and units (the registry’s sheet): edit it and publish it again with POST /campaigns. `?format=json` answers `{campaign, units}`',
    tag: 'campaigns',
    access: { roles: ['clerk', 'reviewer', 'admin'] },
    query: {
      format: {
        schema: z.enum(['xlsx', 'json']),
        description: 'xlsx (the default) or json',
        example: 'xlsx',
      },
    },
    responses: {
      200: {
        description: 'The campaign workbook, or the definition',
        json: CampaignDefinitionSchema,
        file: 'xlsx',
      },
    },
    errors: { 400: ['bad_format'], 404: ['campaign_not_found'] },
  },
});
