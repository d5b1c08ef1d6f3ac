import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { Failure } from './errors.js';

export const RunStatus = z.enum(['queued', 'running', 'success', 'failed', 'skipped', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatus>;

/** Why a run started; `catch-up` = one run for the times missed while the server was down. */
export const RunTrigger = z.enum(['manual', 'schedule', 'catch-up', 'verification']);
export type RunTrigger = z.infer<typeof RunTrigger>;

/** A backup run in brief, as a job's or a database's list row shows its last one. */
export const RunSummary = z.object({
  id: Id,
  status: RunStatus,
  trigger: RunTrigger,
  startedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  storedSize: z.number().nonnegative().nullable(),
  error: Failure.nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;
