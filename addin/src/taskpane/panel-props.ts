/** What every tab of the task pane is given, and the campaign list they start from. */
import { useEffect, useState } from 'react';
import type { CampaignWithPeriods } from '../../../shared/src';
import type { ApiClient } from '../api/client';
import type { ExcelGateway } from '../excel/gateway';
import type { Strings } from '../i18n/strings';
import type { Settings } from './settings';

export interface PanelProps {
  api: ApiClient;
  gateway: ExcelGateway;
  settings: Settings;
  t: Strings;
}

/** The campaigns the signed-in user can see; `onLoaded` picks the initial one. */
export function useCampaigns(
  api: ApiClient,
  onLoaded: (campaigns: CampaignWithPeriods[]) => void,
  onError: (e: Error) => void,
): CampaignWithPeriods[] {
  const [campaigns, setCampaigns] = useState<CampaignWithPeriods[]>([]);
  useEffect(() => {
    api
      .campaigns()
      .then((list) => {
        setCampaigns(list);
        onLoaded(list);
      })
      .catch(onError);
    // Loaded once per API client (a new token or address makes a new client).
  }, [api]);
  return campaigns;
}
