import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Switch,
  Textarea,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Strings } from '../i18n/strings';
import type { Settings } from './settings';

export function SettingsPanel(props: { settings: Settings; t: Strings; onSave: (s: Settings) => void }) {
  const [draft, setDraft] = useState(props.settings);
  const [saved, setSaved] = useState(false);
  const { t } = props;
  const set = (patch: Partial<Settings>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  return (
    <div className="stack">
      <Field label={t.settingsLanguage}>
        <Select
          value={draft.lang}
          onChange={(_, d) => set({ lang: d.value === 'en' ? 'en' : 'vi' })}
          data-testid="settings-lang"
        >
          <option value="vi">{t.languageNames.vi}</option>
          <option value="en">{t.languageNames.en}</option>
        </Select>
      </Field>
      <Field label={t.settingsApi}>
        <Input
          value={draft.apiBaseUrl}
          onChange={(_, d) => set({ apiBaseUrl: d.value })}
          data-testid="settings-api"
        />
      </Field>
      <Switch checked={draft.sso} label={t.settingsSso} onChange={(_, d) => set({ sso: d.checked })} />
      <Field label={t.settingsToken} hint={t.settingsTokenHint}>
        <Textarea
          value={draft.token}
          onChange={(_, d) => set({ token: d.value.trim() })}
          resize="vertical"
          data-testid="settings-token"
        />
      </Field>
      <Button
        appearance="primary"
        data-testid="settings-save"
        onClick={() => {
          props.onSave(draft);
          setSaved(true);
        }}
      >
        {t.save}
      </Button>
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{t.saved}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
