import type { BackupRun, ErrorCode, JobNotifications, Restore } from '@rahatback/protocol';
import { formatBytes, formatDuration, formatWhen } from './notification.format.js';

/** A backup run that ended (success, failed, skipped or cancelled). */
export interface BackupFinishedEvent {
  type: 'backup';
  run: BackupRun;
  databaseName: string;
}

/** A restore (or a verification restore) that ended. */
export interface RestoreFinishedEvent {
  type: 'restore';
  restore: Restore;
  jobName: string;
  targetDatabaseName: string;
}

export type NotificationEvent = BackupFinishedEvent | RestoreFinishedEvent;

export type Outcome = 'success' | 'failure' | 'skipped';

export interface MessageContext {
  /** The server's public base URL, e.g. `https://backups.example.com`. */
  publicUrl: string;
  /** The zone the reader thinks in (the job's); UTC by default. */
  timeZone?: string;
}

/** What every renderer shows, in one neutral shape. */
export interface Summary {
  /** e.g. `backup.failed`, `restore.success`. */
  event: string;
  outcome: Outcome;
  title: string;
  facts: { label: string; value: string }[];
  cause?: string;
  advice?: string;
  link: string;
  occurredAt: string;
}

const ADVICE: Partial<Record<ErrorCode, string>> = {
  AGENT_OFFLINE: 'Start the agent on its host (or check its network), then run the job again.',
  AGENT_DISCONNECTED: 'Check that the agent is running and its network is stable, then run again.',
  SERVER_RESTARTED: 'Nothing was lost; run the job again.',
  AUTH_FAILED: "Update the database's username or password in RahatBack, then test the connection.",
  HOST_UNREACHABLE: 'Check that the database host is up and reachable from the agent.',
  DATABASE_NOT_FOUND: 'Check the database name in its settings.',
  TLS_REQUIRED: "Set the database's SSL mode to require.",
  CLIENT_TOOL_MISSING: 'Install the database client tools on the agent host.',
  CLIENT_TOOL_TOO_OLD: 'Upgrade the database client tools on the agent host.',
  STORAGE_AUTH_FAILED: "Update the storage destination's keys, then test it.",
  STORAGE_PERMISSION_DENIED:
    'Give the storage credentials write access, then test the destination.',
  STORAGE_UNREACHABLE: 'Check that the storage service is up and reachable from the agent.',
  STORAGE_FULL: 'Free space on the destination or tighten the retention policy.',
  TIMED_OUT: "Raise the job's timeout or look into why the dump is slow.",
  WRONG_PASSPHRASE: "Use the job's passphrase at the time of this backup.",
  CHECKSUM_MISMATCH: 'This copy is damaged; restore from another destination or backup.',
};
const DEFAULT_ADVICE = "Open the run for the agent's last log lines, fix the cause and run again.";

function outcomeOf(status: BackupRun['status'] | Restore['status']): Outcome {
  if (status === 'success') return 'success';
  return status === 'skipped' ? 'skipped' : 'failure';
}

/** Whether a job's settings ask for this event (restores follow the success/failure flags). */
export function shouldNotify(settings: JobNotifications, event: NotificationEvent): boolean {
  const status = event.type === 'backup' ? event.run.status : event.restore.status;
  const outcome = outcomeOf(status);
  if (outcome === 'skipped') return settings.onSkipped;
  return outcome === 'success' ? settings.onSuccess : settings.onFailure;
}

const VERB: Record<string, string> = {
  success: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
  queued: 'queued',
  running: 'running',
};

function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

const NO_REASON = { code: 'UNKNOWN' as const, message: 'No reason was recorded.' };

function failureParts(status: string, error: { code: ErrorCode; message: string } | null) {
  if (status === 'success') return {};
  error ??= NO_REASON;
  return {
    cause: `${error.message} (${error.code})`,
    advice: ADVICE[error.code] ?? DEFAULT_ADVICE,
  };
}

function backupSummary(event: BackupFinishedEvent, ctx: MessageContext): Summary {
  const { run } = event;
  const facts = [
    { label: 'Job', value: run.jobName },
    { label: 'Database', value: event.databaseName },
    { label: 'Trigger', value: run.trigger },
    { label: 'Started', value: formatWhen(run.startedAt, ctx.timeZone) },
  ];
  if (run.durationMs !== null)
    facts.push({ label: 'Duration', value: formatDuration(run.durationMs) });
  if (run.storedSize !== null && run.status === 'success') {
    const raw = run.rawSize === null ? '' : ` (${formatBytes(run.rawSize)} before compression)`;
    facts.push({ label: 'Size', value: `${formatBytes(run.storedSize)}${raw}` });
  }
  for (const d of run.destinations)
    facts.push({
      label: `Copy on ${d.storageName}`,
      value: d.ok ? 'stored' : `failed: ${d.error?.message ?? 'unknown'}`,
    });
  if (run.sha256 !== null) facts.push({ label: 'SHA-256', value: run.sha256 });
  return {
    event: `backup.${run.status}`,
    outcome: outcomeOf(run.status),
    title: `Backup ${VERB[run.status] ?? run.status}: ${run.jobName} (${event.databaseName})`,
    facts,
    ...failureParts(run.status, run.error),
    link: `${base(ctx.publicUrl)}/history/${encodeURIComponent(run.id)}`,
    occurredAt: run.finishedAt ?? run.startedAt,
  };
}

function restoreSummary(event: RestoreFinishedEvent, ctx: MessageContext): Summary {
  const { restore } = event;
  const what = restore.mode === 'verify' ? 'Verification' : 'Restore';
  const facts = [
    { label: 'Backup of job', value: event.jobName },
    {
      label: restore.mode === 'verify' ? 'Scratch copy of' : 'Into database',
      value: event.targetDatabaseName,
    },
    { label: 'Started', value: formatWhen(restore.startedAt, ctx.timeZone) },
  ];
  if (restore.durationMs !== null)
    facts.push({ label: 'Duration', value: formatDuration(restore.durationMs) });
  if (restore.bytesRead !== null)
    facts.push({ label: 'Read', value: formatBytes(restore.bytesRead) });
  if (restore.tableCounts !== null)
    facts.push({ label: 'Tables', value: String(restore.tableCounts.length) });
  return {
    event: `restore.${restore.status}`,
    outcome: outcomeOf(restore.status),
    title: `${what} ${VERB[restore.status] ?? restore.status}: ${event.jobName} into ${event.targetDatabaseName}`,
    facts,
    ...failureParts(restore.status, restore.error),
    link: `${base(ctx.publicUrl)}/restores/${encodeURIComponent(restore.id)}`,
    occurredAt: restore.finishedAt ?? restore.startedAt,
  };
}

export function summarize(event: NotificationEvent, ctx: MessageContext): Summary {
  return event.type === 'backup' ? backupSummary(event, ctx) : restoreSummary(event, ctx);
}
