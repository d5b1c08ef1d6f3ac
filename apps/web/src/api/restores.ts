import { type Id, Restore, type RestoreInput, RestorePage } from '@rahatback/protocol';
import { apiRequest } from './client.js';

export const restoresQueryKey = ['restores'] as const;

export async function listRestores(): Promise<RestorePage> {
  return apiRequest('/restores?pageSize=50', { schema: RestorePage });
}

/** Starts restoring a successful backup into the chosen database. */
export async function startRestore(backupRunId: Id, body: RestoreInput): Promise<Restore> {
  return apiRequest(`/backups/history/${encodeURIComponent(backupRunId)}/restore`, {
    method: 'POST',
    body,
    schema: Restore,
  });
}
