/** What every tab of the task pane is given. */
import type { ApiClient } from '../api/client';
import type { ExcelGateway } from '../excel/gateway';
import type { Strings } from '../i18n/strings';
import type { Settings } from './settings';

export interface PanelProps {
  api: ApiClient;
  gateway: ExcelGateway;
  settings: Settings;
  t: Strings;
  /** Goes to the Cài đặt tab (the way out of an expired session). */
  onOpenSettings: () => void;
}
