/**
 * The campaign workbook (settings, calendar, units): what its sheets are (format.ts), the checks of a
 * campaign definition (check.ts), reading them (parse.ts), writing them (write.ts, sheet-models.ts).
 */
export {
  CALENDAR_YEARS,
  CAMPAIGN_COLUMNS,
  CAMPAIGN_SETTINGS,
  CAMPAIGN_SHEET_NAMES,
  CampaignDefinitionSchema,
  type CampaignDefinition,
  type CampaignSheetName,
  type CampaignSheets,
  type CampaignWorkbookError,
  type CampaignWorkbookResult,
} from './format';
export { checkCampaignDefinition, parseCampaignDefinition, type CampaignDefinitionParse } from './check';
export { parseCampaignWorkbook } from './parse';
export { campaignToSheets, emptyCampaignSheets } from './write';
export { campaignSheetModels } from './sheet-models';
