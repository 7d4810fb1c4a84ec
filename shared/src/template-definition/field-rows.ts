/**
 * One row of the `fields` sheet or of the `tables` sheet as a field or a table column: the part the
 * two share (key, type, label, required, bounds, length, choices, unit, help). Pure.
 */
import { FIELD_TYPES, type FieldType } from '../schemas';
import type { KeyWhat, RowReader } from '../sheet/row-reader';
import { parseChoices } from './choices';
import type { FieldCol, TableCol } from './format';

/** The columns a field row and a table column row have in common. */
type SharedCol = FieldCol & TableCol;

/** A field or column as read: its key and type when they read, the row, and the properties to parse. */
export interface FieldLike {
  key?: string;
  type?: FieldType;
  row: number;
  props: Record<string, unknown>;
}

export function readFieldLike<C extends string>(
  r: RowReader<C | SharedCol>,
  keyCol: C,
  what: KeyWhat,
): FieldLike {
  const key = r.key(keyCol, what, true);
  let type: FieldType | undefined;
  if (r.text('type') === undefined) r.fail('type', 'missing_type', { allowed: FIELD_TYPES });
  else type = r.oneOf('type', FIELD_TYPES, 'unknown_type');
  const props: Record<string, unknown> = {};
  if (key !== undefined) props.key = key;
  if (type !== undefined) props.type = type;
  const label = r.localized('label::vi', 'label::en', true);
  if (label) props.label = label;
  const required = r.bool('required');
  if (required !== undefined) props.required = required;
  const min = r.num('min');
  const max = r.num('max');
  if (min !== undefined) props.min = min;
  if (max !== undefined) props.max = max;
  if (min !== undefined && max !== undefined && min > max) r.fail('min', 'min_above_max', { min, max });
  const maxLength = r.positiveInt('max_length');
  if (maxLength !== undefined) props.maxLength = maxLength;
  const choicesText = r.text('choices');
  const choices = choicesText === undefined ? undefined : parseChoices(choicesText);
  if (choices && !choices.ok) r.fail('choices', choices.problem.code, choices.problem.params);
  else if (choices?.choices.length) props.choices = choices.choices;
  if (type === 'choice' && !props.choices && choices?.ok !== false) r.fail('choices', 'choices_needed');
  const help = r.localized('help::vi', 'help::en', false);
  if (help) props.help = help;
  const unitLabel = r.localized('unit::vi', 'unit::en', false);
  if (unitLabel) props.unitLabel = unitLabel;
  return {
    ...(key !== undefined ? { key } : {}),
    ...(type !== undefined ? { type } : {}),
    row: r.row,
    props,
  };
}
