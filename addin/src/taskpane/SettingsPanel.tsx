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
import { ssoScope, type SignInMode } from '../office/sign-in';
import type { Settings } from './settings';

export function SettingsPanel(props: {
  settings: Settings;
  t: Strings;
  onSave: (s: Settings) => void;
  /** How the saved settings sign in on this computer, and the pane's host (of the default scope). */
  signIn: { mode: SignInMode; host: string };
}) {
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
      <Switch
        checked={draft.sso}
        label={t.settingsSso}
        onChange={(_, d) => set({ sso: d.checked })}
        data-testid="settings-sso"
      />
      {draft.sso && (
        <>
          <Field label={t.settingsSsoClientId} hint={t.settingsSsoClientIdHint}>
            <Input
              value={draft.ssoClientId}
              onChange={(_, d) => set({ ssoClientId: d.value.trim() })}
              data-testid="settings-sso-client-id"
            />
          </Field>
          <Field label={t.settingsSsoAuthority} hint={t.settingsSsoAuthorityHint}>
            <Input
              value={draft.ssoAuthority}
              onChange={(_, d) => set({ ssoAuthority: d.value.trim() })}
              data-testid="settings-sso-authority"
            />
          </Field>
          <Field
            label={t.settingsSsoScope}
            hint={t.settingsSsoScopeHint(
              ssoScope({ ssoScope: '', ssoClientId: draft.ssoClientId || '<client id>' }, props.signIn.host),
            )}
          >
            <Input
              value={draft.ssoScope}
              onChange={(_, d) => set({ ssoScope: d.value.trim() })}
              data-testid="settings-sso-scope"
            />
          </Field>
        </>
      )}
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
      <div data-testid="settings-sign-in-mode">
        {t.signInModeLabel}: <strong>{t.signInModes[props.signIn.mode]}</strong>
      </div>
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{t.saved}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
