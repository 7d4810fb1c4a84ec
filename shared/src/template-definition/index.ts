/**
 * The template definition workbook (XLSForm-like): what its sheets are (format.ts), reading them
 * (parse.ts), writing them (write.ts, sheet-models.ts) and the choices cell (choices.ts).
 */
export {
  DEFINITION_COLUMNS,
  DEFINITION_SETTINGS,
  DEFINITION_SHEET_NAMES,
  TABLE_ROLLUP_KINDS,
  type DefinitionError,
  type DefinitionResult,
  type DefinitionSheetName,
  type DefinitionSheets,
  type ParseDefinitionOptions,
} from './format';
export { formatChoices, parseChoices } from './choices';
export { parseTemplateDefinition } from './parse';
export { emptyDefinition, templateToDefinition } from './write';
export { definitionSheetModels, definitionSheetModelsFromSheets } from './sheet-models';
