import {
  BackupJob,
  type BackupJobInput,
  BackupJobList,
  type BackupJobPatch,
  BackupRun,
  type Id,
} from '@rahatback/protocol';
import { z } from 'zod';
import { apiRequest } from './client.js';

export const jobsQueryKey = ['jobs'] as const;

const path = (id: Id) => `/backups/jobs/${encodeURIComponent(id)}`;

export async function listJobs(): Promise<BackupJobList> {
  return apiRequest('/backups/jobs', { schema: BackupJobList });
}

export async function createJob(body: BackupJobInput): Promise<BackupJob> {
  return apiRequest('/backups/jobs', { method: 'POST', body, schema: BackupJob });
}

export async function updateJob(id: Id, body: BackupJobPatch): Promise<BackupJob> {
  return apiRequest(path(id), { method: 'PATCH', body, schema: BackupJob });
}

export async function deleteJob(id: Id): Promise<void> {
  await apiRequest(path(id), { method: 'DELETE', schema: z.unknown() });
}

/** "Run now": the same path as a scheduled run; answers with the new (or skipped) run. */
export async function runJobNow(id: Id): Promise<BackupRun> {
  return apiRequest(`${path(id)}/run`, { method: 'POST', schema: BackupRun });
}
