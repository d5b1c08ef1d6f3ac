import {
  BackupRun,
  DownloadLink,
  HistoryPage,
  type HistoryQuery,
  type Id,
  Restore,
} from '@rahatback/protocol';
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

/**
 * Starts a test restore of a successful backup: into a scratch database next to its own,
 * whose rows are counted before it is dropped. It is followed as a restore of mode `verify`.
 */
export async function verifyRun(id: Id): Promise<Restore> {
  return apiRequest(`${path(id)}/verify`, { method: 'POST', schema: Restore });
}

/**
 * A link to the backup file of a run (one copy: `storageId`, else the server's choice). An S3
 * copy gets a presigned URL; a local or SFTP copy a one-time link of this server, valid a
 * minute, which the agent starts filling as soon as it answers: follow it at once.
 */
export async function downloadLink(id: Id, storageId?: Id): Promise<DownloadLink> {
  const search = storageId === undefined ? '' : `?storageId=${encodeURIComponent(storageId)}`;
  return apiRequest(`${path(id)}/download${search}`, { schema: DownloadLink });
}
