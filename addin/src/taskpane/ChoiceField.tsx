/** A labelled drop-down: every picker of the task pane (campaign, unit, period, template). */
import { Field, Select } from '@fluentui/react-components';

export interface ChoiceFieldProps {
  label: string;
  hint?: string | undefined;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  disabled?: boolean;
  /** Shown as an empty first choice while nothing is chosen. */
  placeholder?: string;
  testId?: string;
}

export function ChoiceField(p: ChoiceFieldProps) {
  return (
    <Field label={p.label} hint={p.hint}>
      <Select
        value={p.value}
        disabled={p.disabled}
        onChange={(_, d) => p.onChange(d.value)}
        data-testid={p.testId}
      >
        {p.placeholder !== undefined && !p.value && <option value="">{p.placeholder}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
