import { BackupRun, HistoryPage, type HistoryQuery, type Id } from '@rahatback/protocol';
import { apiRequest } from './client.js';

export const historyQueryKey = ['history'] as const;

const path = (id: Id) => `/backups/history/${encodeURIComponent(id)}`;

export async function listHistory(query: Partial<HistoryQuery>): Promise<HistoryPage> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) search.set(key, String(value));
  return apiRequest(`/backups/history?${search.toString()}`, { schema: HistoryPage });
}

export async function cancelRun(id: Id): Promise<BackupRun> {
  return apiRequest(`${path(id)}/cancel`, { method: 'POST', schema: BackupRun });
}
