/**
 * Every user-facing text of the product in English: the same keys as catalogue-vi.ts (the compiler
 * checks the shape; test/shared/catalogue-parity.test.ts checks that both use the same parameters).
 * This file is long because it is one idea: the English catalogue. Its sections follow catalogue-vi.ts.
 */
import type { Catalogue, ProblemCode } from './catalogue';
import type { RenderParams } from './render-params';

type Render = (p: RenderParams) => string;

const num = (v: string | undefined) =>
  v !== undefined && /^-?\d+(\.\d+)?$/.test(v) ? Number(v).toLocaleString('en-US') : String(v);

/** A value in a history hint: a percent field's fraction as “85%”, other numbers grouped (12,000). */
const hintNumber = (v: string | undefined, type: string | undefined) =>
  type === 'percent' && v !== undefined && Number.isFinite(Number(v))
    ? `${(Math.round(Number(v) * 10_000) / 100).toLocaleString('en-US')}%`
    : num(v);

const KEY_COLUMN_NAMES: Record<string, string> = {
  section: 'a section key (section)',
  key: 'a field key (key)',
  table: 'a table key (table)',
  column: 'a column key (column)',
  id: 'a rule id (id)',
  field: 'a field key (field)',
};

// issue 15: `review`, the report of an interim or final review
const KIND_NAMES: Record<string, string> = {
  plan: 'Plan',
  results: 'Results report',
  review: 'Review report',
};

/** A campaign's name inside a sentence: “The “Soldier’s Smile” movement …” → “the “Soldier’s Smile” movement …”. */
const midSentence = (name: string) => name.replace(/^The /, 'the ');

/** Where a repeated key was first used (see catalogue-vi.ts). */
const firstAt = (p: RenderParams) =>
  p.firstRow ? `sheet “${p.firstSheet}”, row ${p.firstRow}` : (p.first ?? '');

/** Why a rule does not parse (see catalogue-vi.ts). */
const ruleSyntax = (p: RenderParams) => {
  switch (p.reason) {
    case 'unexpected':
      return `“${p.token}” is out of place`;
    case 'ends_early':
      return 'it ends too early';
    case 'count_open':
      return 'count needs “(”';
    case 'count_table':
      return 'count(…) needs a table key';
    case 'count_close':
      return 'count(…) needs “)”';
    case 'no_comparison':
      return 'a comparison is needed (<=, <, >=, >, =, !=)';
    default:
      return 'it cannot be read';
  }
};

const problems: Record<ProblemCode, Render> = {
  // ---------------------------------------------------------------- a submission's values
  required: (p) => `“${p.label}” is required.`,
  not_integer: (p) => `“${p.label}” must be a whole number.`,
  not_number: (p) => `“${p.label}” must be a number.`,
  not_percent: (p) => `“${p.label}” must be a percentage between 0% and 100%.`,
  below_min: (p) => `“${p.label}” must not be less than ${num(p.min)}.`,
  above_max: (p) => `“${p.label}” must not be greater than ${num(p.max)}.`,
  too_long: (p) => `“${p.label}” is longer than ${num(p.maxLength)} characters.`,
  not_date: (p) => `“${p.label}” must be a valid date (day/month/year).`,
  not_choice: (p) => `“${p.label}” must be one of: ${p.choices}.`,
  not_boolean: (p) => `“${p.label}” must be “Yes” or “No”.`,
  not_text: (p) => `“${p.label}” must be text.`,
  too_many_rows: (p) => `Table “${p.table}” has at most ${num(p.maxRows)} rows.`,
  unknown_field: (p) => `The template has no field “${p.key}”.`,
  unknown_table: (p) => `The template has no table “${p.key}”.`,
  retired_field: (p) => `Field “${p.label}” has been retired from the template; leave it empty.`,
  template_mismatch: (p) => `The report does not match template ${p.templateId}.`,
  rule_failed: (p) => p.message ?? '',

  // ---------------------------------------------------------------- the shape of a request body
  schema_required: () => 'A required value is missing.',
  schema_invalid_type: (p) => `Wrong type of value (expected ${TYPE_NAMES[p.expected ?? ''] ?? p.expected}).`,
  schema_too_small: (p) =>
    p.origin === 'string'
      ? `At least ${num(p.minimum)} characters are needed.`
      : p.origin === 'array'
        ? `At least ${num(p.minimum)} items are needed.`
        : `The value must not be less than ${num(p.minimum)}.`,
  schema_too_big: (p) =>
    p.origin === 'string'
      ? `At most ${num(p.maximum)} characters.`
      : p.origin === 'array'
        ? `At most ${num(p.maximum)} items.`
        : `The value must not be greater than ${num(p.maximum)}.`,
  schema_invalid_format: (p) => `The value is not a valid ${FORMAT_NAMES[p.format ?? ''] ?? p.format}.`,
  schema_invalid_value: (p) => `Invalid value; expected one of: ${p.options}.`,
  schema_unrecognized_keys: (p) => `Unsupported properties: ${p.keys}.`,
  schema_invalid: () => 'Invalid value.',
  not_calendar_date: () => 'The date does not exist in the calendar.',
  unsafe_key: (p) => `The key “${p.key}” is a reserved name; choose another key.`,

  // ---------------------------------------------------------------- HTTP requests
  campaign_not_found: (p) => `Campaign “${p.campaignId}” was not found.`,
  period_not_found: (p) => `This campaign has no reporting period “${p.periodId}”.`,
  unit_not_found: (p) => `Unit “${p.unitId}” is not in the unit registry.`,
  template_not_found: (p) => `Template “${p.templateId}” was not found.`,
  version_not_found: (p) => `Template “${p.templateId}” has no version ${p.version}.`,
  user_not_found: (p) => `There is no user “${p.userId}”.`,
  route_not_found: () => 'There is no such address in the reporting service.',
  method_not_allowed: () => 'This address does not accept that method.',
  too_large: (p) => `The request body is too large (at most ${num(p.limitKb)} KB).`,
  unsupported_media_type: (p) =>
    p.types === 'json'
      ? 'The request body must be JSON (Content-Type: application/json).'
      : 'The request body must be JSON (application/json) or an Excel workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).',
  bad_json: () => 'The JSON body is not valid.',
  bad_encoding: () => 'The request body is not valid UTF-8 text.',
  json_too_deep: (p) => `The JSON body is nested too deeply (at most ${num(p.limit)} levels).`,
  submission_id_reused: (p) =>
    `Submission id “${p.submissionId}” was already used for another report (different ${(p.differs ?? '')
      .split(', ')
      .map((d) => ({ unit: 'unit', period: 'period', content: 'content' })[d] ?? d)
      .join(', ')}). Each new report needs a new submission id.`,
  invalid_body: () => 'The data sent is not in the expected shape.',
  invalid_submission: () => 'The report has errors; correct the cells shown and submit again.',
  wrong_template_kind: (p) => `This period uses a “${KIND_NAMES[p.kind ?? ''] ?? p.kind}” template.`,
  outdated_template: (p) =>
    `Template “${p.templateId}” has been updated to version ${p.current} (the unit is using version ${p.sent}). Move the figures to the new template and submit again.`,
  period_locked: (p) => `Reporting period “${p.periodId}” is locked; only an admin may update it.`,
  incompatible_template: () => 'The new version of the template is not compatible with earlier versions.',
  version_exists: (p) =>
    `Template “${p.templateId}” already has version ${p.version}; a new version must be higher.`,
  nothing_to_review: (p) => `Unit “${p.unitId}” has not submitted a report for “${p.periodId}”.`,
  users_need_global_admin: () => 'Only an admin without a campaign limit may manage users.',
  revision_conflict: () =>
    'The unit submitted a new revision during the review; reload and review the latest revision.',
  storage_unavailable: () => 'Storage is busy; try again in a few minutes. No report has been lost.',
  bad_query: (p) => `Query parameter “${p.name}” is not valid.`,
  bad_format: () => 'The “format” parameter accepts only “json” or “xlsx”.',
  bad_lang: () => 'The “lang” parameter accepts only “vi” or “en”.',
  bad_report_format: () => 'The report’s “format” parameter accepts only “docx” or “json”.',
  bad_submission_id: () => 'The “submissionId” parameter must be a UUID.',
  // registry (issue 18): PATCH /units and its pages
  too_many_units: (p) =>
    `At most ${num(p.max)} units can be added, changed or removed in one request (this one has ${num(p.count)}); split the list.`,
  bad_cursor: () => 'The “cursor” parameter is not valid; load the list again from its first page.',
  unit_upserted_and_removed: (p) =>
    `Unit “${p.value}” is both in the units to save and in the units to remove.`,
  bad_received_at: () =>
    'The “receivedAt” parameter must be an ISO 8601 time with an offset, e.g. 2022-06-14T09:00:00+07:00.',
  bad_user_id: (p) => `User id “${p.userId}” is not valid (no spaces, /, \\, # or ?).`,
  internal: () => 'Something unexpected went wrong. Try again; if it keeps failing, tell an admin.',
  key_type_changed: (p) =>
    `Field key “${p.key}” was ${p.before} in version ${p.version}; a key never changes its type (now ${p.now}).`,
  key_removed: (p) =>
    `Field key “${p.key}” (version ${p.version}) is missing; mark it “retired” instead of deleting it.`,
  kind_changed: (p) =>
    `Version ${p.version} is a “${KIND_NAMES[p.before ?? ''] ?? p.before}” template; it cannot become “${KIND_NAMES[p.now ?? ''] ?? p.now}”.`,

  campaign_mismatch: (p) =>
    `The campaign id must be “${p.campaignId}” (the campaign of the address) or absent.`,

  // ---------------------------------------------------------------- uploaded workbooks
  not_xlsx: () =>
    'The file is not a valid Excel workbook (.xlsx), or it is damaged. Save it again in Excel and resend it.',
  workbook_too_large: (p) => {
    const keep = 'keep only the report template sheet and resend it.';
    switch (p.limit) {
      case 'part':
        return `Part “${p.part}” of the workbook is too large once unzipped (at most ${p.maxMB} MB); ${keep}`;
      case 'cells':
        return `Sheet “${p.part}” has too many cells with data (at most ${num(p.max)}); clear the cells outside the template and resend it.`;
      case 'strings':
        return `The workbook holds too many texts (at most ${num(p.max)}); ${keep}`;
      case 'sheets':
        return `The workbook has too many sheets (at most ${num(p.max)}); ${keep}`;
      case 'names':
        return `The workbook has too many defined names (at most ${num(p.max)}); use the template downloaded from the service.`;
      case 'time':
      case 'memory':
        return `The workbook is too large or too complex to read; ${keep}`;
      case 'entries':
        return `The zip file has too many parts (at most ${num(p.max)}); ${keep}`;
      default:
        return `The workbook is too large once unzipped${p.maxMB ? ` (at most ${p.maxMB} MB)` : ''}; ${keep}`;
    }
  },
  workbook_unsupported: (p) =>
    p.feature === 'encryption'
      ? 'The workbook is password-protected or encrypted; remove the password and resend it.'
      : 'The workbook is compressed in a way the service cannot read; open it in Excel, save it again and resend it.',
  not_template_workbook: () =>
    'No report template sheet was found in the workbook (the template id and version are missing from the header). Use the template downloaded from the service.',
  other_campaign: (p) => `This workbook is a template of campaign “${p.found}”, not “${p.expected}”.`,
  unknown_template: (p) => `This campaign has no template “${p.templateId}” version ${p.version}.`,
  missing_unit_id: () => 'The unit code is missing from the header of the template.',
  missing_period_id: () =>
    'The reporting period code is missing from the header of the template (e.g. 2022-H1).',

  // ---------------------------------------------------------------- signing in
  unauthenticated: () => 'You are not signed in; sign in to continue.',
  bad_auth_scheme: () => 'The request must carry a sign-in token as “Authorization: Bearer <token>”.',
  invalid_token: () => 'The sign-in token is not valid; sign in again.',
  token_expired: () => 'Your session has expired; sign in again.',
  token_not_yet_valid: () => 'The sign-in token is not valid yet; check the date and time of your computer.',
  token_wrong_audience: () => 'The sign-in token is not meant for this reporting service; sign in again.',
  token_bad_signature: () => 'The sign-in token is not valid (bad signature); sign in again.',
  auth_keys_unavailable: () => 'The sign-in token cannot be checked right now; try again in a few minutes.',
  token_no_subject: () => 'The sign-in token does not say who you are; sign in again.',
  token_bad_claim: (p) => `The sign-in token has an invalid “${p.claim}”; sign in again.`,

  // ---------------------------------------------------------------- signing in through Office (NAA, legacy SSO)
  sign_in_not_supported: () =>
    'This version of Office cannot sign you in with Microsoft 365; paste the access token an admin gave you in Settings.',
  sign_in_consent_required: () =>
    'Your account has not been granted access to the “Báo cáo thi đua” add-in; ask an admin to consent for the app, then sign in again.',
  sign_in_popup_blocked: () => 'The sign-in window was blocked; allow pop-ups and try again.',
  sign_in_cancelled: () => 'Sign-in was cancelled; sign in again to continue.',
  sign_in_failed: (p) => `Signing in with Microsoft 365 failed (${p.detail}); try again or contact an admin.`,

  // ---------------------------------------------------------------- permissions
  no_role: () => 'Your account has no role in the reporting service; contact an admin.',
  admin_only: () => 'Only an admin may do this.',
  reviewer_only: () => 'Only the standing office or an admin may do this.',
  submitter_only: () => 'Only the unit’s clerk or an admin may submit reports.',
  no_unit: () => 'Your account is not assigned to a unit; contact an admin.',
  clerk_without_unit: () => 'A clerk must be assigned to a unit; contact an admin.',
  other_unit: (p) =>
    p.action === 'read'
      ? 'You may only read your own unit’s reports.'
      : 'You may only submit reports for your own unit.',
  backfill_admin_only: () => 'Only an admin may set the received time of a report submitted on paper.',
  locked_period: () => 'This reporting period is locked; only an admin may write to a locked period.',
  campaign_forbidden: () => 'Your account has no access to this campaign.',

  // ---------------------------------------------------------------- a template (JSON or definition workbook)
  duplicate_key: (p) =>
    `Key “${p.key}” is already used at ${firstAt(p)}; each field or table key is used once.`,
  duplicate_column_key: (p) => `Column “${p.key}” of table “${p.table}” is already at ${firstAt(p)}.`,
  duplicate_rule_id: (p) => `Rule “${p.id}” is already at ${firstAt(p)}.`,
  rule_syntax: (p) => `Expression “${p.source}” is not valid: ${ruleSyntax(p)}.`,
  rule_unknown_field: (p) => `The template has no field “${p.key}”.`,
  rule_unknown_table: (p) => `The template has no table “${p.key}”.`,
  rule_not_number: (p) => `Field “${p.key}” is of type ${p.type} and cannot be compared as a number.`,
  min_above_max: (p) =>
    p.min !== undefined
      ? `The minimum (${num(p.min)}) is greater than the maximum (${num(p.max)}).`
      : 'The minimum is greater than the maximum.',
  choices_needed: () => 'A choice field needs choices, e.g. excellent=Xuất sắc|Excellent; good=Tốt|Good.',
  duplicate_choice: (p) => `Choice “${p.value}” is repeated.`,

  // ---------------------------------------------------------------- list sheets (definition, units, users)
  missing_sheet: () => 'This sheet is missing or empty.',
  missing_column: (p) => `Column “${p.name}” is missing.`,
  unknown_column: (p) =>
    `Column “${p.name}” is not supported (supported columns: ${p.known}; columns starting with # are notes).`,
  duplicate_column: (p) => `Column “${p.name}” repeats column ${p.letter}.`,
  headerless_cell: () => 'The cell has data but its column has no header.',
  missing_value: (p) => `“${p.column}” is missing.`,
  missing_key: (p) => `${KEY_COLUMN_NAMES[p.what ?? ''] ?? p.what} is missing.`.replace(/^a/, 'A'),
  bad_key: (p) =>
    `Key “${p.value}” is not valid: use lower-case a–z without accents, digits and _, starting with a letter, at most 48 characters.`,
  bad_boolean: (p) => `“${p.value}” is not a yes/no value (TRUE/FALSE, yes/no, x, or empty).`,
  bad_number: (p) => `“${p.value}” is not a number.`,
  bad_positive_integer: (p) => `“${p.value}” is not a positive whole number.`,
  bad_date: (p) => `“${p.value}” is not a date (dd/mm/yyyy or yyyy-mm-dd).`,
  bad_version: (p) => `Version “${p.value}” is not valid: it must be a positive whole number (1, 2, 3 …).`,
  no_fields: () => 'There are no fields or sections (at least one section is needed).',
  unknown_type: (p) => `Type “${p.value}” is not valid (${p.allowed}).`,
  missing_type: (p) => `The data type is missing (${p.allowed}).`,
  unknown_rollup: (p) => `Roll-up “${p.value}” is not valid (${p.allowed}).`,
  unknown_table_rollup: (p) => `Table roll-up “${p.value}” is not valid (${p.allowed}).`,
  unknown_kind: (p) => `Template kind “${p.value}” is not valid (${p.allowed}).`,
  section_not_contiguous: (p) =>
    `Section “${p.value}” started at row ${p.row}; the rows of a section must be together.`,
  table_not_contiguous: (p) =>
    `Table “${p.value}” started at row ${p.row}; the rows of a table must be together.`,
  conflict: (p) =>
    `“${p.column}” differs from “${p.value}” given at row ${p.row} for the same section or table.`,
  max_rows_range: (p) => `The row limit ${p.value} must be between 1 and 500.`,
  missing_max_rows: () => 'The table’s row limit (max_rows) is missing.',
  en_without_vi: (p) => `“${p.en}” is given but “${p.vi}” is missing.`,
  missing_section_title: (p) => `Section “${p.value}” has no title (section_title::vi).`,
  missing_table_title: (p) => `Table “${p.value}” has no title (table_title::vi).`,
  table_without_columns: (p) => `Table “${p.value}” has no columns.`,
  choice_syntax: (p) =>
    `Choice “${p.value}” must look like value=Vietnamese label|English label (choices separated by ;).`,
  unknown_setting: (p) => `Setting “${p.value}” is not supported (${p.allowed}).`,
  duplicate_setting: (p) => `Setting “${p.value}” was given at row ${p.row}.`,
  missing_setting: (p) => `Setting “${p.value}” is missing.`,
  duplicate_unit_id: (p) => `Unit code “${p.value}” is repeated.`,
  bad_unit_id: (p) =>
    `Unit code “${p.value}” is not valid (letters, digits, - and _, at most 40 characters).`,
  duplicate_unit: (p) => `Unit “${p.value}” is already at row ${p.row}.`,
  unknown_parent: (p) => `There is no parent unit “${p.value}” in the list.`,
  parent_cycle: (p) => `Unit “${p.value}” is inside its own subtree (a loop of parents).`,
  bad_group: (p) => `Group “${p.value}” is not valid (${p.allowed}).`,
  date_order: () => 'The start date must be before the end date.',
  duplicate_user: (p) => `User “${p.value}” is already at row ${p.row}.`,
  bad_role: (p) => `Role “${p.value}” is not valid (${p.allowed}).`,
  missing_role: (p) => `The role is missing (${p.allowed}).`,
  clerk_needs_unit: () => 'A clerk must belong to a unit (unit_id).',
  no_units: () => 'There are no units.',
  sheet_not_in_workbook: (p) => `The workbook has no sheet “${p.sheet}”.`,

  // ---------------------------------------------------------------- campaigns (the campaign workbook, POST /campaigns)
  bad_campaign_id: (p) =>
    `Campaign id “${p.value}” is not valid: lower-case letters a–z without accents, digits and -, 2 to 63 characters.`,
  bad_time_zone: (p) => `Time zone “${p.value}” is not valid (for example Asia/Ho_Chi_Minh).`,
  bad_year: (p) => `Year “${p.value}” is not valid: it must be a year from ${p.min} to ${p.max}.`,
  year_order: (p) => `The last year (${p.last}) must not be before the first year (${p.first}).`,
  bad_slot: (p) =>
    `Period slot “${p.value}” is not valid: capital letters without accents and digits, at most 8 (for example H1, Y, SK).`,
  unknown_period_kind: (p) => `Period kind “${p.value}” is not valid (${p.allowed}).`,
  bad_due_day: (p) =>
    `Due day “${p.value}” of a yearly period must be a month and day found in every year (for example 06-15 or 15/6).`,
  bad_locked_years: (p) =>
    `“${p.value}” is not a list of locked years (for example 2021; 2022) for a yearly period.`,
  duplicate_period: (p) => `Period “${p.value}” is already defined at ${firstAt(p)}.`,
  review_template_kind: (p) =>
    `A period of kind “${p.kind}” cannot use a “${p.templateKind}” template: interim and final reviews use review templates, and only they do.`,
  period_id_mismatch: (p) => `Period id “${p.value}” must be “${p.expected}” (the year and the slot).`,
  no_periods: () => 'There are no reporting periods (the calendar sheet needs at least one row).',
  unknown_standing_office: (p) => `Standing office “${p.value}” is not in the unit list (sheet units).`,
  period_has_reports: (p) =>
    `The campaign was not updated: period(s) ${p.periods} already have units' reports. Keep them in the calendar (they may be locked).`,

  // ---------------------------------------------------------------- the local servers and the command line
  api_unreachable: (p) => `Cannot reach the API server (${p.target}). Start the service and try again.`,
  api_timeout: (p) => `The API server (${p.target}) did not answer in time. Try again later.`,
  bad_setting: (p) => `Setting “${p.name}” is not valid: “${p.value}” (${p.expected}).`,
  port_in_use: (p) => `Port ${p.port} is used by another program; change it with the setting ${p.setting}.`,
  data_folder_in_use: (p) =>
    `The data folder ${p.folder} is used by another Azurite (process ${p.pid}); change it with the setting ${p.setting}.`,
  setting_not_whole_number: (p) =>
    `Setting ${p.setting} must be a whole number ${p.max !== undefined ? `from ${p.min} to ${p.max}` : `of at least ${p.min}`}, not “${p.value}”.`,
  setting_not_letters_digits: (p) =>
    `Setting ${p.setting} must be letters and digits only, not “${p.value}”.`,
  setting_not_one_of: (p) => `Setting ${p.setting} must be ${p.allowed}, not “${p.value}”.`,
  setting_required_for_entra: (p) =>
    `Setting ${p.setting} is required when AUTH_MODE=entra (e.g. ${p.example}).`,
  setting_not_url: (p) => `Setting ${p.setting} is not a valid URL (http or https): “${p.value}”.`,
  setting_too_short: (p) => `Setting ${p.setting} must be at least ${p.min} bytes long.`,

  // ---------------------------------------------------------------- data feed, backup and restore (issue 16)
  bad_feed_format: () => 'The “format” parameter accepts only “json” or “csv”.',
  bad_feed_range: () => 'Filter either by “periodId” or by “from”/“to” (dates yyyy-mm-dd), not both.',
  backup_manifest_missing: (p) => `Folder “${p.dir}” has no backup manifest.json.`,
  backup_manifest_invalid: (p) => `The backup's manifest.json cannot be read: ${p.detail}.`,
  backup_file_missing: (p) => `The backup lacks the file “${p.file}”.`,
  backup_checksum_mismatch: (p) =>
    `File “${p.file}” does not match its SHA-256 checksum in the manifest (changed or damaged); nothing was written to the storage account.`,
  backup_count_mismatch: (p) =>
    `File “${p.file}” holds ${p.actual} entities, the manifest says ${p.expected}; nothing was written to the storage account.`,
  backup_line_invalid: (p) => `File “${p.file}”, line ${p.line}: not a valid entity (${p.detail}).`,
  restore_target_not_empty: (p) =>
    `The target storage account already holds data (tables: ${p.tables}); run again with --force to write over it.`,
  // ---------------------------------------------------------------- units over time (shared/src/unit-history.ts)
  duplicate_version: (p) => `Unit “${p.value}” has two earlier versions dated ${p.date}.`,
  self_successor: (p) => `Unit “${p.value}” cannot be its own successor.`,
  unknown_successor: (p) => `There is no successor unit “${p.value}” in the list.`,
  successor_cycle: (p) => `Unit “${p.value}” succeeds itself through its successors (a loop of successors).`,
  version_row_column: (p) =>
    `A row of an earlier version (with valid_until) holds only the name, short name, group and parent; “${p.column}” goes on the unit's current row.`,
  version_without_unit: (p) =>
    `A row of an earlier version of “${p.value}”, but the list has no current row (without valid_until) for that unit.`,
  unit_not_active: (p) =>
    `Unit “${p.unitId}” is not expected to report for “${p.periodId}” (due ${p.due}): ${
      p.activeUntil ? `it ended on ${p.activeUntil}` : `it starts on ${p.activeFrom}`
    }. Only an admin may back-fill this report.`,
  period_after_campaign_end: (p) =>
    `Period “${p.periodId}” is due after the campaign ended (${p.endsOn}); no unit is expected to report. Only an admin may back-fill.`,
  // ---------------------------------------------------------------- review queue and hints from history
  value_unusually_high: (p) =>
    `The value ${hintNumber(p.value, p.type)} of “${p.label}” is unusually high compared with earlier periods (≈ ${hintNumber(p.typical, p.type)}).`,
  value_unusually_low: (p) =>
    `The value ${hintNumber(p.value, p.type)} of “${p.label}” is unusually low compared with earlier periods (≈ ${hintNumber(p.typical, p.type)}).`,
  unknown_review_field: (p) => `Template “${p.templateId}” has no field or table “${p.key}” to comment on.`,
  review_fields_on_accept: () => 'Comments on fields go with returning a report.',
  too_many_review_fields: (p) => `A return may comment on at most ${p.max} fields (this one has ${p.count}).`,
  // ---------------------------------------------------------------- custom functions (BAOCAO.*, issue 17)
  value_missing_argument: (p) =>
    `The formula lacks ${p.argument === 'field' ? 'a field' : p.argument === 'unit' ? 'a unit' : 'a period'}.`,
  value_unknown_period: (p) =>
    `There is no period “${p.name}”. Give the period's id (e.g. 2022-H1) or its name.`,
  value_unknown_field: (p) =>
    `The template of period “${p.period}” has no field “${p.name}”. Give the field's key or its label.`,
  value_unknown_unit: (p) => `There is no unit “${p.name}”. Give the unit's id (e.g. PC06) or its name.`,
  value_unknown_unit_or_group: (p) => `There is no unit or group “${p.name}”.`,
  value_unknown_state: (p) => `There is no state “${p.name}”; use one of: ${p.allowed}.`,
  value_ambiguous_name: (p) =>
    `“${p.name}” matches several entries (${p.matches}); give the id or the full name.`,
  value_field_not_totalled: (p) => `Field “${p.field}” is not totalled; use BAOCAO.GIATRI for one unit.`,
  value_no_same_period: (p) =>
    `Period “${p.period}” has no same period last year in the campaign's calendar.`,
  value_not_reported: (p) => `${p.unit} has not reported for period “${p.period}”.`,
  value_forbidden: () => `The signed-in account may not see these figures.`,
  functions_no_session: () =>
    `Not signed in: open the “Campaign reports” pane, sign in and pick a campaign on the Summary tab, then recalculate.`,
  functions_unreachable: () => `The report server cannot be reached; the formulas update once it can.`,
  functions_refused: (p) => `The server refused the request (${p.message})`,
  // progress (issue 13, item 2)
  bad_progress_range: (p) =>
    `Parameter “${p.name}” must be a period id of the campaign or a date yyyy-mm-dd, not “${p.value}”.`,
  progress_range_order: (p) => `The range is not valid: “${p.from}” comes after “${p.to}”.`,
  bad_email: (p) => `“${p.value}” is not a valid e-mail address.`,
  // ---------------------------------------------------------------- roll-ups and grouped tables of a template (issue 15: wavg, distribution, groupBy)
  weight_needed: (p) =>
    `Field “${p.key}” rolls up as a weighted average (wavg) but names no weight field (weight).`,
  weight_unknown_field: (p) => `The weight “${p.weight}” of field “${p.key}” is not a field of the template.`,
  weight_is_itself: (p) => `Field “${p.key}” cannot be its own weight.`,
  weight_not_number: (p) =>
    `The weight “${p.weight}” of field “${p.key}” is of type ${p.type}; a weight must be a numeric field.`,
  weight_without_wavg: (p) =>
    `Field “${p.key}” names a weight but does not roll up as a weighted average (wavg).`,
  rollup_needs_number: (p) => `Field “${p.key}” is not numeric, so it cannot roll up as “${p.rollup}”.`,
  group_by_not_choice: (p) =>
    `Table “${p.table}” is grouped by “${p.column}”, which is not a choice column of the table.`,
  distribution_needs_choice: (p) =>
    `The “distribution” roll-up (units counted per choice) is for choice fields only; “${p.key}” is not one.`,

  // ---------------------------------------------------------------- scoring and ranking (bình xét thi đua)
  ranking_not_configured: (p) =>
    `Campaign “${p.campaignId}” has no scoring scheme, so it cannot be ranked; an admin must add one (scoring).`,
  criterion_not_found: (p) => `The scoring scheme has no criterion “${p.criterionId}”.`,
  criterion_not_manual: (p) =>
    `Criterion “${p.criterionId}” is computed from the reports; it cannot be scored by hand.`,
  score_out_of_range: (p) => `The score must be between 0 and ${num(p.max)}.`,
  invalid_ranking_year: (p) => `Year “${p.value}” is outside the campaign's years.`,
  duplicate_criterion: (p) => `Criterion id “${p.key}” is repeated.`,
  criterion_bounds: (p) => `Criterion “${p.key}”: the upper bound must be above the lower bound.`,
};

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true/false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
};

const FORMAT_NAMES: Record<string, string> = {
  uuid: 'UUID',
  datetime: 'ISO 8601 time',
  date: 'date (yyyy-mm-dd)',
  email: 'email address',
  regex: 'value',
};

function where(sheet: string, row: number | null | undefined, column: string | null | undefined): string {
  let s = `Sheet “${sheet}”`;
  if (row !== null && row !== undefined) s += `, row ${row}`;
  if (column !== null && column !== undefined) s += `, column ${column}`;
  return s;
}

export const en: Catalogue = {
  locale: 'en-US',
  problems,
  where,
  templateKinds: { plan: KIND_NAMES.plan!, results: KIND_NAMES.results!, review: KIND_NAMES.review! },
  prompts: {
    integer: 'Enter a whole number',
    decimal: 'Enter a number',
    percent: 'Enter a percentage, e.g. 85%',
    date: 'Enter a date as day/month/year',
    pick: 'Pick from the list',
    maxLength: (n) => `At most ${n} characters`,
    between: (min, max) => ` from ${min} to ${max}`,
    atLeast: (min) => ` of at least ${min}`,
    atMost: (max) => ` of at most ${max}`,
    required: ' (required)',
    invalidTitle: 'Invalid value',
    enterCode: (label) => `Enter the ${label.toLowerCase()} code`,
    codeLength: '1 to 40 characters.',
  },
  labels: {
    groupLine: (group: string, submitted: string, expected: string) =>
      `${group} (${submitted}/${expected} reported)`,
    inWhich: 'Of which:',
    /** The header of an administrative document (Decree 30/2020/NĐ-CP, Appendix I). */
    nationalName: 'SOCIALIST REPUBLIC OF VIETNAM',
    nationalMotto: 'Independence - Freedom - Happiness',
    documentNumber: 'No.: ……/BC-……',
    placeDate: (place: string) => `${place}, date …… month …… year ……`,
    blankLine: '…………………………………',
    documentType: { plan: 'PLAN', results: 'REPORT', review: 'REPORT' },
    reportingUnit: 'Reporting unit',
    requiredLegend: 'Note: (*) marks a required item.',
    chooseOne: (choices: string) => `Choose one: ${choices}`,
    preparer: 'PREPARED BY',
    head: 'HEAD OF UNIT',
    signHint: '(Signature and full name)',
    signSealHint: '(Signature, full name and seal)',
    unitCode: 'Unit code',
    unitName: 'Unit name',
    /** Under a summary's title: when its figures were taken. */
    dataAsOf: (time: string, date: string) => `Figures as of ${time} on ${date}`,
    submittedOfExpected: 'Submitted/ expected',
    topic: 'Item',
    content: 'Content',
    campaign: 'Campaign',
    unit: 'Unit',
    period: 'Reporting period',
    due: 'Due',
    template: 'Template',
    version: 'Version',
    yes: 'Yes',
    no: 'No',
    number: 'No.',
    indicator: 'Indicator',
    value: 'Value',
    unitOfMeasure: 'Unit of measure',
    note: 'Note',
    receipt: 'Receipt',
    inputHint: 'Enter figures in the yellow cells. Other cells are locked.',
    total: 'Total',
    sameTimeLastYear: 'Same period last year',
    change: 'Change',
    changePercent: 'Change (%)',
    group: 'Group',
    submitted: 'Submitted',
    onTime: 'On time',
    late: 'Late',
    missing: 'Missing',
    expected: 'Expected',
    status: 'Status',
    receivedAt: 'Received at',
    revision: 'Revision',
    review: 'Review status',
    templateVersion: 'Template version',
    reviewStates: { pending: 'Awaiting review', accepted: 'Accepted', returned: 'Returned for correction' },
    summaryTotals: 'Totals',
    summaryMatrix: 'By unit',
    summaryCompleteness: 'Completeness',
    summaryTexts: 'Report texts',
    summaryTitle: 'SUMMARY OF RESULTS',
    completenessByGroup: 'Reports by group',
    // issue 15: a choice field's distribution on the totals sheet
    distributionTitle: 'Units by choice',
    choice: 'Choice',
    unitCount: 'Units',
    share: 'Share',
    // issue 15: a grouped list's count per choice (the proposed awards by form)
    count: 'Number',
    countBy: (column: string) => `Totals by ${column.toLocaleLowerCase('en')}`,
    // issue 15: what a period's figures cover
    dataWindow: (from: string, to: string) => `figures from ${from} to ${to}`,
    workbookCreator: 'Emulation campaign reports',
    page: 'Page',
    // -------------------------------------------------------------- “Mẫu báo cáo tự do” (custom functions, issue 17)
    freeReport: {
      sheetName: 'Free report layout',
      title: 'PROVINCE FIGURES AT A GLANCE',
      period: 'Period (id or name):',
      hint: 'Cells with BAOCAO.* formulas update as units report (the Campaign reports pane must be open and signed in). Change the period in the cell beside; copy the formulas to make your own report layout.',
      progress: 'I. REPORTING PROGRESS',
      results: 'II. RESULTS',
      byGroup: 'III. BY GROUP',
      oneUnit: 'IV. ONE UNIT',
      field: (label: string) => `Field: ${label}`,
      unit: 'Unit (id or name):',
      unitState: 'Report state',
    },
    groups: {
      board: 'Steering board',
      department: 'Departments',
      district: 'Districts and city',
      union: 'Unions',
      commune: 'Communes',
      agency: 'Agencies',
      other: 'Other',
    },
  },
  pane: {
    appTitle: 'Campaign reports',
    tabReport: 'Report',
    tabSummary: 'Summary',
    tabSettings: 'Settings',
    campaign: 'Campaign',
    unit: 'Unit',
    period: 'Reporting period',
    due: (date) => `Due: ${date}`,
    loading: 'Loading…',
    insertTemplate: 'Insert the template',
    inserting: 'Creating the template sheet…',
    inserted: (sheet) => `Sheet “${sheet}” created. Enter figures in the yellow cells.`,
    validate: 'Check the figures',
    validating: 'Checking…',
    valid: 'The figures are valid and can be submitted.',
    issuesFound: (n) => `${n} problem(s) to fix. Click one to go to its cell.`,
    submit: 'Submit the report',
    submitting: 'Submitting…',
    receiptTitle: 'Report received',
    receiptLine: (revision, at) => `Revision ${revision}, received ${at}`,
    onTime: 'On time',
    late: 'Late',
    reviewState: { pending: 'Awaiting review', accepted: 'Accepted', returned: 'Returned for correction' },
    returnedComment: (c) => `Standing office’s comment: ${c}`,
    waiting: (n) => `${n} report(s) waiting to be sent (offline; will retry).`,
    retryNow: 'Send now',
    lastError: (m) => `Last attempt failed: ${m}`,
    delivered: 'The waiting report was delivered.',
    networkError: 'Cannot reach the server.',
    networkHint: 'Check the network connection, then press “Try again”.',
    storageBusy: 'The server’s storage is busy.',
    serverBusy: 'The server is temporarily unavailable.',
    busyHint: 'Wait a few minutes, then press “Try again”.',
    outboxFailed:
      'Could not keep the report in the outbox on this computer (the add-in’s storage is full or blocked). The figures in the workbook are untouched.',
    notTheApi: (status) => `The API address does not answer like the reporting system (status ${status}).`,
    checkApiAddress: 'Check the “API address” in Settings (usually /api).',
    retry: 'Try again',
    sessionExpired: 'Your session has expired, or the access token is no longer valid.',
    sessionWhatToDo: 'Sign in again, or paste a new access token (from an admin) in Settings.',
    openSettings: 'Open Settings',
    outsideExcel: 'The add-in is open outside Excel, so it cannot work with a workbook.',
    outsideExcelHint:
      'Open “Campaign reports” in Excel (desktop or Excel on the web). Here you can still view and review reports.',
    excelFailed: (m) => `Excel could not do it: ${m}`,
    noCampaigns: 'Your account has no campaign yet; ask an admin.',
    outdated: 'A newer version of the template exists.',
    moveToNewVersion: 'Move the figures to the new template',
    moved: (sheet) => `Figures moved to sheet “${sheet}”. Check them, then submit.`,
    notATemplateSheet: 'The active sheet is not a template sheet. Insert a template or open one.',
    noToken: 'Not signed in: enter an access token in Settings.',
    signedInAs: (who) => `Signed in: ${who}`,
    settingsApi: 'API address',
    settingsToken: 'Access token',
    settingsTokenHint: 'Paste the access token an admin gave you.',
    settingsSso: 'Sign in with Microsoft 365 (SSO)',
    // signing in through Office (NAA, legacy SSO)
    settingsSsoClientId: 'Application (client) ID in Microsoft Entra ID',
    settingsSsoClientIdHint: 'From your admin; left empty, Office’s legacy SSO is used.',
    settingsSsoAuthority: 'Authority',
    settingsSsoAuthorityHint:
      'For example https://login.microsoftonline.com/<tenant id>; empty means …/common.',
    settingsSsoScope: 'The API’s scope',
    settingsSsoScopeHint: (fallback) => `Empty means ${fallback}.`,
    signInModeLabel: 'How this computer signs in',
    signInModes: {
      naa: 'Microsoft 365 account (nested app authentication, NAA)',
      legacy: 'Microsoft 365 account (Office’s legacy SSO)',
      token: 'The pasted access token',
      none: 'Not signed in',
    },
    settingsLanguage: 'Language',
    /** Each language by its own name, whatever the pane's language. */
    languageNames: { vi: 'Tiếng Việt', en: 'English' },
    save: 'Save',
    saved: 'Settings saved.',
    motto: 'Motto',
    cell: (ref) => `cell ${ref}`,
    unexpected: 'Something unexpected went wrong.',
    refreshSummary: 'Refresh the summary sheets',
    fetchingRollup: 'Fetching the roll-up…',
    writingSheets: (done, total) => `Writing sheets (${done}/${total})…`,
    summaryWritten: (sheets, submitted, expected) =>
      `${sheets} summary sheets written: ${submitted}/${expected} units reported.`,
    downloadReport: 'Download the draft report (.docx)',
    preparingReport: 'Drafting the report…',
    reportDownloaded: (file) => `Downloaded the draft report “${file}”.`,
    reviewing: 'Sending the review…',
    loadReviews: 'Show the reports submitted',
    rollupLoaded: (submitted, expected) => `${submitted}/${expected} units reported.`,
    accept: 'Accept',
    returnForCorrection: 'Return',
    returnComment: 'Reason (the unit will see it)',
    confirmReturn: 'Send back',
    reviewDone: (unit, state) => `${unit}: ${state}.`,
    missingUnits: (n) => `${n} units have not reported`,
    tabAdmin: 'Admin',
    template: 'Template',
    openDefinition: 'Open the template definition',
    definitionOpened:
      'Opened the 4 definition sheets (settings, fields, tables, rules). Edit, raise “version”, then publish.',
    publish: 'Check and publish',
    publishing: 'Checking and publishing…',
    published: (id, v) => `Published template “${id}” version ${v}.`,
    definitionErrors: (n) => `The definition has ${n} problem(s). Click one to go to its cell.`,
    sheetErrors: (sheet, n) =>
      `Sheet “${sheet}” has ${n} problem(s); nothing was saved. Click one to go to its cell.`,
    openUnits: 'Open the unit list',
    unitsOpened:
      'Opened sheet “units”. A unit that ended: its end date in active_until and the units taking over in successors. A new name, group or parent: add a row with the same id, the old name, group and parent, and the date of the change in valid_until. Edit it, then save.',
    saveUnits: 'Save the unit list',
    unitsSaved: (n) => `${num(String(n))} units saved.`,
    // registry (issue 18): the registry sent in parts
    unitsSending: (done, total) => `Saving the unit list: ${num(String(done))}/${num(String(total))}…`,
    unitsSavedRemoved: (n, removed) =>
      `${num(String(n))} units saved; ${num(String(removed))} units no longer listed were removed.`,
    sheetMissing: (name) => `The workbook has no sheet “${name}”.`,
    openUsers: 'Open the user list',
    usersOpened: 'Opened sheet “users” (user id, name, roles, unit). Edit it, then save.',
    saveUsers: 'Save the user list',
    usersSaved: (n) => `${n} users saved (users not on the sheet are kept).`,
    // campaigns: the campaign workbook in the admin tab
    openCampaign: 'Open the campaign workbook',
    campaignOpened:
      'Opened the 3 sheets of the campaign workbook (settings, calendar, units). Edit, then publish.',
    publishCampaign: 'Publish the campaign',
    campaignErrors: (n) =>
      `The campaign workbook has ${n} problem(s); not published. Click one to go to its cell.`,
    campaignSaved: (id, created) => (created ? `Created campaign “${id}”.` : `Updated campaign “${id}”.`),
    downloadCampaign: 'Download the campaign workbook (.xlsx)',
    unitCalendarTitle: 'Reports of the unit',
    daysLeft: (n) =>
      n > 1
        ? `${n} days left`
        : n === 1
          ? '1 day left'
          : n === 0
            ? 'last day today'
            : `${-n} day${n === -1 ? '' : 's'} overdue`,
    unitStates: {
      upcoming: 'Not yet open',
      open: 'Open',
      overdue: 'Overdue',
      submitted: 'Submitted, awaiting review',
      returned: 'Returned for correction',
      accepted: 'Accepted',
      not_expected: 'Not expected to report',
    },
    waitingToSend: 'Waiting to send',
    periodLocked: 'Locked',
    insertForPeriod: 'Insert the template',
    reopenForPeriod: 'Reopen to correct',
    reopened: (sheet) => `The submitted report is reopened on sheet “${sheet}”. Correct it and submit again.`,
    periodLocks: 'Lock a reporting period',
    lockReason: 'Reason (kept in the log)',
    lockPeriod: 'Lock',
    unlockPeriod: 'Unlock',
    locking: 'Updating the lock…',
    periodLockedDone: (period) => `Period “${period}” is locked: only an admin may change its reports.`,
    periodUnlockedDone: (period) => `Period “${period}” is unlocked: units submit and correct as usual.`,

    // ---------------------------------------------------------------- review queue and hints from history
    checkingHints: 'Comparing the figures with earlier periods…',
    hintsTitle: 'Some figures are unusual compared with earlier periods',
    hintsLead:
      'This is a reminder, not a block. If the figures are right, write an explanation and submit; if not, correct them in the sheet.',
    explanation: 'Explanation (the standing office will see it)',
    submitAnyway: 'Submit anyway, with the explanation',
    reviseFirst: 'Correct the figures',
    reviewerComments: 'The standing office’s comments on fields',
    reopenedWithComments: (sheet, n, notes) =>
      `The returned report is reopened on sheet “${sheet}”: ${n} commented field${n === 1 ? ' is' : 's are'} highlighted in blue${notes ? ', each with the comment as a cell note' : ''}. Correct it and submit again.`,
    reviewQueueTitle: 'Reports awaiting review',
    loadQueue: 'Show reports awaiting review',
    loadingQueue: 'Loading the reports awaiting review…',
    queueEmpty: 'No report is awaiting review.',
    queueCount: (n) => `${n} report${n === 1 ? '' : 's'} awaiting review, earliest first.`,
    revisionShort: (r) => `revision ${r}`,
    changesAgainst: (revision, accepted) =>
      accepted ? `Changes since accepted revision ${revision}:` : `Changes since revision ${revision}:`,
    firstRevision: 'First report for this period.',
    noChanges: 'No figure changed.',
    changeLine: (label, from, to) => `${label}: ${from} → ${to}`,
    tableRows: (n) => `${n} row${n === 1 ? '' : 's'}`,
    emptyValue: '(empty)',
    explanationFrom: (text) => `The unit’s explanation: ${text}`,
    selectReport: (unit, period) => `Select the report ${unit} — ${period}`,
    acceptSelected: (n) => `Accept the ${n} selected report${n === 1 ? '' : 's'}`,
    bulkDone: (ok, failed) =>
      `${ok} report${ok === 1 ? '' : 's'} accepted${failed ? `; ${failed} could not be (see each line)` : ''}.`,
    fieldComment: (label) => `Comment on “${label}”`,
    returnedDone: (unit) => `The report of ${unit} is returned with comments.`,
    fieldCommentsCount: (n) =>
      `Comments on ${n} field${n === 1 ? '' : 's'}; “Reopen to correct” shows them in the sheet.`,
    // -------------------------------------------------------------- custom functions (BAOCAO.*, issue 17)
    insertFreeReport: 'Insert the free report layout (BAOCAO formulas)',
    insertingFreeReport: 'Making the free report layout sheet…',
    freeReportInserted: (sheet) => `Sheet “${sheet}” is ready: its BAOCAO.* formulas update as units report.`,
  },
  yesNoWords: { yes: ['yes', 'y'], no: ['no', 'n'] },
  cli: {
    unreadableFile: (file, detail) => `cannot read “${file}”: ${detail}`,
    notXlsx: (file) => `“${file}” is not an Excel .xlsx file that can be read`,
    noSuchTemplate: (campaign, template) => `campaign “${campaign}” has no template “${template}”`,
    exported: (target, template, version, campaign, bytes) =>
      `${target}: definition of template “${template}” version ${version} (${campaign}), ${bytes} bytes`,
    emptyWritten: (target) =>
      `${target}: an empty template definition (fill in settings, fields, tables, rules)`,
    refusedByServer: 'the server refused',
    notPublished: 'not published',
    newestVersion: (newest) =>
      `The newest published version is ${newest}: set the “version” cell on the settings sheet to ${newest + 1} and publish again.`,
    incompatibleReasons: 'Why (a field key never changes its type; to drop a field, mark it retired):',
    definitionRefused: (file, n) => `“${file}” has ${n} problem(s), not published:`,
    sheetRefused: (file, n) => `“${file}” has ${n} problem(s), nothing updated:`,
    templateSummary: (id, version, kind, sections, fields, retired, tables, rules) =>
      `template “${id}” version ${version} (${kind}): ${sections} section(s), ${fields} field(s)` +
      (retired ? ` (+${retired} retired)` : '') +
      `, ${tables} table(s), ${rules} rule(s)`,
    valid: (file, summary) => `${file}: valid — ${summary}`,
    published: (summary, campaign) => `Published ${summary} for campaign “${campaign}”.`,
    unitsExported: (target, n, campaign) => `${target}: ${n} unit(s) of campaign “${campaign}”`,
    // registry (issue 18): the registry sent in parts
    unitsSent: (done, total) => `Sent ${num(String(done))}/${num(String(total))} units…`,
    unitsUpdated: (n, campaign, added, removed) =>
      `Updated ${n} unit(s) of campaign “${campaign}”` +
      (added ? `; added: ${added}` : '') +
      (removed ? `; removed: ${removed}` : '') +
      '.',
    removedUnitsNote:
      'Note: a removed unit leaves the roll-ups; to stop a unit reporting from a period on, set active_until.',
    usersExported: (target, n) => `${target}: ${n} user(s)`,
    usersUpdated: (n) => `Updated ${n} user(s) (users not in the file are kept).`,
    // campaigns (scripts/campaign.ts)
    campaignExported: (target, campaign, units, periods) =>
      `${target}: campaign workbook “${campaign}” (${units} unit(s), ${periods} period(s))`,
    campaignRefused: (file, n) => `“${file}” has ${n} problem(s), not published:`,
    campaignCreated: (campaign) => `Created campaign “${campaign}”.`,
    campaignUpdated: (campaign) => `Updated campaign “${campaign}”.`,
    campaignUsage:
      'usage: npm run campaign -- export <campaign id> --out <file.xlsx> | publish <file.xlsx>  (--api, --token)',
  },
  report: {
    nationalTitle: 'SOCIALIST REPUBLIC OF VIET NAM',
    motto: 'Independence - Freedom - Happiness',
    number: (symbol) => `No.          /BC-${symbol}`,
    placeDate: (place, year) => `${place},          ${year}`,
    blankPlace: '……………',
    docType: 'REPORT',
    subject: (campaign, period) => [`Results of ${campaign}`, period],
    // issue 15: the subject of an interim or final review
    reviewSubject: (kind, campaign, year) =>
      kind === 'interim' ? [`Interim review of ${campaign}`, `${year}`] : [`Final review of ${campaign}`],
    periodPhrase: (kind, slot, year, label, fromYearStart = false) => {
      const n = Number(/\d/.exec(slot)?.[0] ?? 0);
      const ordinal = ['', 'first', 'second', 'third', 'fourth'][n];
      if (kind === 'quarter' && ordinal)
        return fromYearStart && n > 1
          ? `${ordinal} quarter of ${year} (${n * 3} months)`
          : `${ordinal} quarter of ${year}`;
      if (kind === 'half') return n === 2 ? `second half of ${year}` : `first half of ${year}`;
      if (kind === 'year') return `year ${year}`;
      return `(${label})`;
    },
    intro: (office, campaign, period, scope) =>
      `From the units’ reports${scope ? ` within ${scope}` : ''}, ${office} reports the results of ${campaign}, ${period}, as follows:`,
    headings: {
      situation: 'I. IMPLEMENTATION',
      results: 'II. RESULTS',
      shortcomings: 'III. SHORTCOMINGS AND LIMITATIONS',
      directions: 'IV. TASKS FOR THE NEXT PERIOD',
      proposals: 'V. PROPOSALS AND RECOMMENDATIONS',
    },
    // issue 15: what the period's figures cover
    window: (from, to) => `Figures cover ${from} to ${to}.`,
    registered: (submitted, expected, plan) =>
      `So far ${submitted}/${expected} units have drawn up a plan and registered for the movement (${plan}).`,
    reported: (date, submitted, expected, percent) =>
      `As of ${date}, ${submitted}/${expected} units have sent their results report (${percent}%).`,
    timeliness: (onTime, late, due) =>
      late === 0
        ? `All ${onTime} reported on time (before ${due}).`
        : `Of these, ${onTime} reported on time (before ${due}) and ${late} after the deadline.`,
    lateUnits: (names) => `Late reports: ${names}.`,
    missing: (n, names) => `${n} units have not reported: ${names}.`,
    allReported: 'Every unit expected to report has reported.',
    byGroup: (parts) => `By group (reported/expected): ${parts}.`,
    reviews: (accepted, returned, pending) =>
      `The standing office has ${
        [
          accepted ? `accepted ${accepted} reports` : '',
          returned ? `returned ${returned} for correction` : '',
          pending ? `${pending} under review` : '',
        ]
          .filter(Boolean)
          .join('; ') || 'received the reports'
      }.`,
    noReports: 'No unit has sent its results report for the period yet.',
    basis: (n) => `From the reports of ${n} units, the results are:`,
    noComparison: (year) => `There are no figures for the same period of ${year} to compare with.`,
    fieldLine: (label, value) => `${label}: ${value}`,
    unitsOutOf: (n, of) => `${n}/${of} units`,
    choiceCount: (choice, n) => `${choice} ${n} units`,
    compare: {
      change: (up, diff, rate, year) =>
        `${up ? 'up' : 'down'} ${diff}${rate !== undefined ? ` (${rate}%)` : ''} on the same period of ${year}`,
      points: (up, points, year) =>
        `${up ? 'up' : 'down'} ${points} percentage points on the same period of ${year}`,
      same: (year) => `the same as in the same period of ${year}`,
      noData: (year) => `no figure for the same period of ${year}`,
    },
    listLead: (label) => `${label}:`,
    onDate: (date) => `on ${date}`,
    tableLead: (n) => `The units reported ${n} entries:`,
    // issue 15: a grouped table (the proposed awards), choice by choice
    groupedLead: (n, counts) => `The units report ${n} entries: ${counts}. In detail:`,
    groupCount: (label, n) => `${label}: ${n}`,
    groupLead: (label, n) => `${label} (${n} ${n === 1 ? 'entry' : 'entries'}):`,
    reportingShortcoming: (late, missing) =>
      `Some units did not keep to the reporting rules: ${[
        late ? `${late} reported late` : '',
        missing ? `${missing} have not reported` : '',
      ]
        .filter(Boolean)
        .join(', ')}.`,
    difficultiesLead: 'The units reported these difficulties:',
    noDifficulties: 'The units reported no difficulties.',
    // issue 15: the units' shortcomings (section III) and their directions for the next period (section IV)
    shortcomingsLead: 'The units report the following shortcomings and their causes:',
    unitDirectionsLead: 'The units’ directions and tasks for the next period:',
    directions: {
      carryOn: (campaign, mottos) =>
        `Keep carrying out ${campaign}${mottos ? `, living by ${mottos}` : ''}; keep up and spread the models and good practices that work.`,
      urge: (names) =>
        `Remind ${names} to report as required; units that reported late draw lessons from it.`,
      overcome:
        'Units address the difficulties in section III and report promptly what is beyond their authority.',
      commend:
        'Keep emulation and commendation going; promptly praise and spread exemplary collectives, individuals and good deeds.',
      nextReport: (label, due, office) =>
        `Units send the ${label.charAt(0).toLowerCase()}${label.slice(1)} to ${office} before ${due}.`,
    },
    proposalsLead: 'The units propose:',
    noProposals: 'The units made no proposals.',
    closing: (campaign, period, office, organisation) =>
      `This is the report on the results of ${campaign}, ${period}. ${office} submits it to the steering board and the leadership of ${organisation} for consideration and direction.`,
    recipientsTitle: 'Recipients:',
    defaultRecipients: (organisation) => [
      'The steering board (for information);',
      `The leadership of ${organisation} (for information);`,
      'The units (for action);',
    ],
    archive: (symbol) => `Filed: archive, ${symbol}.`,
    defaultSigner: 'HEAD OF UNIT',
    signerNote: '(Signature, full name, seal)',
    signerName: '',
  },
  // ---------------------------------------------------------------- data feed, backup and restore (issue 16)
  feed: {
    columns: {
      campaignId: 'Campaign',
      periodId: 'Period id',
      periodLabel: 'Period',
      unitId: 'Unit id',
      unitName: 'Unit',
      group: 'Group',
      templateId: 'Template',
      templateVersion: 'Template version',
      fieldKey: 'Field key',
      fieldLabel: 'Field',
      value: 'Value',
      receivedAt: 'Received at',
      onTime: 'On time',
      reviewState: 'Review state',
    },
  },
  backup: {
    written: (dir, tables, entities) => `Backed up ${tables} tables, ${entities} entities to “${dir}”.`,
    tableLine: (table, entities) => `  ${table}: ${entities} entities`,
    verified: (files) => `Checked the SHA-256 checksums of ${files} files: they match.`,
    restored: (tables, entities) => `Restored ${tables} tables, ${entities} entities.`,
    refused: 'Not restored:',
  },
  // progress (issue 13, item 2)
  progress: {
    title: 'Reporting progress',
    year: 'Year',
    allYears: 'All years',
    show: 'Show progress',
    loading: 'Loading the reporting progress…',
    asOf: (date) => `As of ${date}`,
    unit: 'Unit',
    cellStates: {
      upcoming: 'Later',
      open: 'Open',
      overdue: 'Overdue',
      submitted: 'To review',
      returned: 'Returned',
      accepted: 'Accepted',
    },
    notExpected: 'Not expected',
    counts: {
      expected: 'Expected',
      submitted: 'Submitted',
      onTime: 'On time',
      late: 'Late',
      pending: 'To review',
      returned: 'Returned',
      accepted: 'Accepted',
      missing: 'Overdue, missing',
      notDue: 'Not due yet',
    },
    overdueTitle: (n) => `Units overdue (${n})`,
    noneOverdue: 'No unit is overdue.',
    overdueItem: (period, days) => `${period}: ${days} ${days === 1 ? 'day' : 'days'} overdue`,
    noContact: 'No contact person recorded',
    copyReminder: 'Copy reminder',
    copyAllReminders: 'Copy the reminder to all',
    mailReminder: 'E-mail reminder',
    mailAllReminders: 'E-mail the units',
    copied: (who) => `Reminder copied (${who}). Paste it into an e-mail or a message.`,
    copyFailed: 'Could not copy; the reminder is shown below: select and copy it by hand.',
    everyLateUnit: 'every overdue unit',
    mailTooLong:
      'The e-mail is too long for a link: click “Copy the reminder to all” and paste it into an e-mail.',
    mailTooLongUnit:
      'A long reminder: the e-mail opens with the subject only; click “Copy reminder” and paste it in.',
    insertSheet: 'Insert the “Progress” sheet',
    inserting: 'Creating the progress sheet…',
    inserted: (sheet) => `Sheet “${sheet}” created.`,
    reminderSubject: (campaign) => `Reminder: reports due for ${midSentence(campaign)}`,
    reminderTo: (unit) => `To: ${unit}`,
    reminderToAll: 'To: the units listed below',
    reminderLead: (campaign, date, unit) =>
      `For ${midSentence(campaign)}, as of ${date}, ${unit} has not yet sent the following reports:`,
    reminderLeadAll: (campaign, date, n, office) =>
      `For ${midSentence(campaign)}, as of ${date}, ${n} ${n === 1 ? 'unit has' : 'units have'} not yet sent their reports to ${office}:`,
    reminderItem: (period, due, days) =>
      `${period}: due ${due}, ${days} ${days === 1 ? 'day' : 'days'} overdue`,
    reminderAsk: (unit, office) =>
      `${unit} is requested to complete and send the reports to ${office} through the campaign reporting system without delay, so that they can be summarised for the leadership.`,
    reminderAskAll: (office) =>
      `The units are requested to complete and send their reports through the campaign reporting system without delay, so that ${office} can summarise them for the leadership.`,
    sheetName: 'Progress',
    sheetTitle: 'REPORTING PROGRESS',
    legendTitle: 'Reporting periods',
    legendLine: (id, label, due) => `${id}: ${label} (due ${due})`,
    countsTitle: 'Units by state',
    contact: 'Contact person',
    email: 'E-mail',
    overdueSheetTitle: 'Units overdue',
    latePeriods: 'Overdue periods',
  },
  // ranking sheet (issue 15, item 3: bình xét thi đua)
  ranking: {
    sheetName: 'Emulation ranking',
    sheetTitle: (year) => `EMULATION RANKING ${year}`,
    asOf: (date) => `Reporting periods due up to ${date}`,
    unit: 'Unit',
    total: 'Total',
    rank: 'Rank',
    criterion: (label, points) => `${label} (${points} points)`,
    reasonsTitle: 'Why the standing office scored by hand',
    reasonLine: (unit, criterion, score, reason, by) =>
      `${unit} — ${criterion}: ${score} points. ${reason}${by ? ` (${by})` : ''}`,
    noReasons: 'No hand scores yet.',
    paneTitle: 'Emulation ranking',
    year: 'Year',
    load: 'Show the ranking',
    loading: 'Scoring the units…',
    empty: 'No unit is ranked for this year yet.',
    clusterTitle: (cluster) => `Cluster: ${cluster}`,
    line: (rank, name, score) => `${rank}. ${name} — ${score} points`,
    insertSheet: 'Insert the ranking sheet',
    inserting: 'Writing the ranking sheet…',
    inserted: (sheet) => `Sheet “${sheet}” is ready.`,
  },
};
