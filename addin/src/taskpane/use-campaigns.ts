/** The campaigns the signed-in user can see, loaded through a workflow's task (spinner, problem, retry). */
import { useCallback, useEffect, useState } from 'react';
import type { CampaignWithPeriods } from '../../../shared/src';
import type { ApiClient } from '../api/client';
import type { Task } from './use-task';

/**
 * Loads once per API client (a new token, address or language makes a new client); `onLoaded` picks
 * the initial one. `campaigns` is undefined until the server has answered.
 */
export function useCampaigns(
  api: ApiClient,
  task: Pick<Task, 'run'>,
  label: string,
  onLoaded: (campaigns: CampaignWithPeriods[]) => void,
): { campaigns: CampaignWithPeriods[] | undefined; reload: () => void } {
  const [campaigns, setCampaigns] = useState<CampaignWithPeriods[]>();
  const { run } = task;
  const reload = useCallback(
    () =>
      run(label, async () => {
        const list = await api.campaigns();
        setCampaigns(list);
        onLoaded(list);
      }),
    // onLoaded is read when the answer comes; a new one alone does not load again.
    [api, run, label],
  );
  useEffect(reload, [reload]);
  return { campaigns, reload };
}
