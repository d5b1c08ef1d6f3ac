import {
  type BackupJob,
  BackupJobInput,
  type CompressionAlgorithm,
  type Retention,
  Schedule,
  type ScheduleKind,
  type WebhookFormat,
} from '@rahatback/protocol';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { describeIssue, type FieldErrors } from '../../ui/field-errors.js';
import { defaultTimeZone } from './schedule.js';

/** Every input of the job form; `toJobBody` turns them into the protocol's body. */
export interface JobFormValues {
  name: string;
  databaseId: string;
  storageIds: string[];
  scheduleKind: ScheduleKind;
  minute: number | '';
  time: string;
  dayOfWeek: number;
  dayOfMonth: number | '';
  expression: string;
  timezone: string;
  algorithm: CompressionAlgorithm;
  level: number | '';
  isEncrypted: boolean;
  /** Never prefilled: the API never returns it. Empty on an edit keeps the sealed one. */
  passphrase: string;
  passphraseAgain: string;
  /** Needed by the server to replace the passphrase of a job that has one. */
  currentPassphrase: string;
  keepLast: number | '';
  keepDays: number | '';
  onSuccess: boolean;
  onFailure: boolean;
  onSkipped: boolean;
  isEmailEnabled: boolean;
  /** Addresses separated by commas or spaces; empty = the account's own address. */
  emailTo: string;
  webhooks: WebhookRow[];
  /** Test restores of the latest backup into a scratch database. */
  isVerifying: boolean;
  verifyWhen: VerifyWhen;
  /** The test restores' own schedule, used when `verifyWhen` is `schedule`. */
  verifySchedule: ScheduleValues;
  isEnabled: boolean;
  /** What the form does not show, carried through so that saving an edit keeps it. */
  kept: KeptJobFields;
}

export interface WebhookRow {
  url: string;
  format: WebhookFormat;
}

/** The inputs of one schedule: the job's own, or its test restores'. */
export type ScheduleValues = Pick<
  JobFormValues,
  'scheduleKind' | 'minute' | 'time' | 'dayOfWeek' | 'dayOfMonth' | 'expression' | 'timezone'
>;

/** After every successful backup (the protocol's default), or on a schedule of their own. */
export type VerifyWhen = 'afterBackup' | 'schedule';

export interface KeptJobFields {
  gfs?: Retention['gfs'];
  timeoutMinutes?: number;
}

/** The protocol's limits (`JobNotifications`). */
export const MAX_WEBHOOKS = 10;
const MAX_RECIPIENTS = 20;

/** The schedule inputs showing `schedule`; inputs its kind has not keep `base`'s values. */
function scheduleValuesOf(schedule: Schedule, base: ScheduleValues): ScheduleValues {
  return {
    minute: base.minute,
    time: base.time,
    dayOfWeek: base.dayOfWeek,
    dayOfMonth: base.dayOfMonth,
    expression: base.expression,
    timezone: base.timezone,
    scheduleKind: schedule.kind,
    ...(schedule.kind === 'manual' ? {} : { timezone: schedule.timezone }),
    ...(schedule.kind === 'hourly' ? { minute: schedule.minute } : {}),
    ...('time' in schedule ? { time: schedule.time } : {}),
    ...(schedule.kind === 'weekly' ? { dayOfWeek: schedule.dayOfWeek } : {}),
    ...(schedule.kind === 'monthly' ? { dayOfMonth: schedule.dayOfMonth } : {}),
    ...(schedule.kind === 'cron' ? { expression: schedule.expression } : {}),
  };
}

export function emptyJobValues(databaseId = '', storageIds: string[] = []): JobFormValues {
  const timezone = defaultTimeZone();
  return {
    name: '',
    databaseId,
    storageIds,
    scheduleKind: 'daily',
    minute: 0,
    time: '02:00',
    dayOfWeek: 0,
    dayOfMonth: 1,
    expression: '0 2 * * *',
    timezone,
    algorithm: 'zstd',
    level: '',
    isEncrypted: true,
    passphrase: '',
    passphraseAgain: '',
    currentPassphrase: '',
    keepLast: 7,
    keepDays: '',
    onSuccess: false,
    onFailure: true,
    onSkipped: true,
    isEmailEnabled: false,
    emailTo: '',
    webhooks: [],
    isVerifying: false,
    verifyWhen: 'afterBackup',
    // Weekly on Sunday morning, after the default nightly backup.
    verifySchedule: {
      scheduleKind: 'weekly',
      minute: 0,
      time: '04:00',
      dayOfWeek: 0,
      dayOfMonth: 1,
      expression: '0 4 * * 0',
      timezone,
    },
    isEnabled: true,
    kept: {},
  };
}

export function jobValuesOf(job: BackupJob): JobFormValues {
  const base = emptyJobValues(job.databaseId, job.storageIds);
  const verifySchedule = job.verification.schedule;
  return {
    ...base,
    name: job.name,
    ...scheduleValuesOf(job.schedule, base),
    algorithm: job.compression.algorithm,
    level: job.compression.level ?? '',
    isEncrypted: job.encryption.enabled,
    keepLast: job.retention.keepLast ?? '',
    keepDays: job.retention.keepDays ?? '',
    onSuccess: job.notifications.onSuccess,
    onFailure: job.notifications.onFailure,
    onSkipped: job.notifications.onSkipped,
    isEmailEnabled: job.notifications.email.enabled,
    emailTo: job.notifications.email.to.join(', '),
    webhooks: job.notifications.webhooks.map(({ url, format }) => ({ url, format })),
    isVerifying: job.verification.enabled,
    verifyWhen: verifySchedule === undefined ? 'afterBackup' : 'schedule',
    verifySchedule:
      verifySchedule === undefined
        ? base.verifySchedule
        : scheduleValuesOf(verifySchedule, base.verifySchedule),
    isEnabled: job.enabled,
    kept: {
      ...(job.retention.gfs !== undefined && { gfs: job.retention.gfs }),
      timeoutMinutes: job.timeoutMinutes,
    },
  };
}

/** The typed recipients as a list, in the order typed. */
export function recipientsOf(emailTo: string): string[] {
  return emailTo.split(/[\s,;]+/).filter((address) => address !== '');
}

const numberOrNaN = (value: number | '') => (value === '' ? Number.NaN : value);

export function scheduleOf(values: ScheduleValues): Schedule {
  const timezone = values.timezone;
  switch (values.scheduleKind) {
    case 'manual':
      return { kind: 'manual' };
    case 'hourly':
      return { kind: 'hourly', minute: numberOrNaN(values.minute), timezone };
    case 'daily':
      return { kind: 'daily', time: values.time, timezone };
    case 'weekly':
      return { kind: 'weekly', dayOfWeek: values.dayOfWeek, time: values.time, timezone };
    case 'monthly':
      return {
        kind: 'monthly',
        dayOfMonth: numberOrNaN(values.dayOfMonth),
        time: values.time,
        timezone,
      };
    case 'cron':
      return { kind: 'cron', expression: values.expression, timezone };
  }
}

/**
 * The test restores: a schedule of their own is sent while it is in use, and also while they
 * are off if it is valid, so that turning them off and on again keeps it.
 */
function verificationOf(values: JobFormValues) {
  const schedule = scheduleOf(values.verifySchedule);
  const isScheduleKept =
    values.verifyWhen === 'schedule' &&
    (values.isVerifying || Schedule.safeParse(schedule).success);
  return { enabled: values.isVerifying, ...(isScheduleKept && { schedule }) };
}

/** The create body; on an edit an empty passphrase is left out so the sealed one stays. */
export function toJobBody(values: JobFormValues) {
  return {
    name: values.name,
    databaseId: values.databaseId,
    storageIds: values.storageIds,
    schedule: scheduleOf(values),
    compression: {
      algorithm: values.algorithm,
      ...(values.level === '' || values.algorithm === 'none' ? {} : { level: values.level }),
    },
    encryption: {
      enabled: values.isEncrypted,
      ...(values.isEncrypted && values.passphrase !== '' ? { passphrase: values.passphrase } : {}),
    },
    retention: {
      ...(values.keepLast === '' ? {} : { keepLast: values.keepLast }),
      ...(values.keepDays === '' ? {} : { keepDays: values.keepDays }),
      ...(values.kept.gfs !== undefined && { gfs: values.kept.gfs }),
    },
    notifications: {
      onSuccess: values.onSuccess,
      onFailure: values.onFailure,
      onSkipped: values.onSkipped,
      email: { enabled: values.isEmailEnabled, to: recipientsOf(values.emailTo) },
      webhooks: values.webhooks.map((hook) => ({ url: hook.url.trim(), format: hook.format })),
    },
    enabled: values.isEnabled,
    ...(values.kept.timeoutMinutes !== undefined && { timeoutMinutes: values.kept.timeoutMinutes }),
    verification: verificationOf(values),
  };
}

/** Where each nested rule's sentence shows in the form. */
const NESTED_FIELD: Record<string, string> = {
  'schedule.minute': 'minute',
  'schedule.time': 'time',
  'schedule.dayOfMonth': 'dayOfMonth',
  'schedule.expression': 'expression',
  'schedule.timezone': 'timezone',
  'compression.level': 'level',
  'encryption.passphrase': 'passphrase',
  'retention.keepLast': 'keepLast',
  'retention.keepDays': 'keepDays',
};

/**
 * Where a rule's sentence shows: a nested rule under its own input, a recipient under the
 * recipients, a webhook's URL under its row (`webhooks.<index>.url`), a rule of the test
 * restores' schedule under its input (`verifySchedule.<input>`).
 */
function fieldOf(path: string[]): string {
  const [head = '', second, index, leaf] = path;
  if (head === 'verification' && second === 'schedule')
    return `verifySchedule.${NESTED_FIELD[`schedule.${index ?? ''}`] ?? 'scheduleKind'}`;
  if (head === 'notifications' && second === 'email') return 'emailTo';
  if (head === 'notifications' && second === 'webhooks')
    return index === undefined ? 'webhooks' : `webhooks.${index}.${leaf ?? 'url'}`;
  return NESTED_FIELD[path.slice(0, 2).join('.')] ?? head;
}

/**
 * Validates with the protocol's schema, plus what only a form knows: the passphrase typed
 * twice must match, and a new job that encrypts must have one.
 */
export function validateJob(
  values: JobFormValues,
  t: TFunction,
  isEditing: boolean,
): { data: BackupJobInput; errors: null } | { data: null; errors: FieldErrors } {
  const body = toJobBody(values);
  // An edit may keep the sealed passphrase, so it is validated as if one were given.
  const checked =
    isEditing && values.isEncrypted && values.passphrase === ''
      ? { ...body, encryption: { enabled: true, passphrase: 'kept-on-server' } }
      : body;
  const errors: FieldErrors = {};
  const result = BackupJobInput.safeParse(checked);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = fieldOf(issue.path.map(String));
      errors[field] ??= fieldSentence(field, issue, t, values);
    }
  }
  if (values.isEncrypted && values.passphrase !== values.passphraseAgain)
    errors.passphraseAgain = t('jobs.form.passphraseMismatch');
  if (Object.keys(errors).length > 0) return { data: null, errors };
  const data = BackupJobInput.parse(checked);
  // Without a passphrase, the PATCH keeps the sealed one.
  return { data: { ...data, encryption: body.encryption }, errors: null };
}

function valueAt(values: JobFormValues, field: string): unknown {
  let node: unknown = values;
  for (const key of field.split('.'))
    node = typeof node === 'object' && node !== null ? Reflect.get(node, key) : undefined;
  return node;
}

/** The errors still true after an edit: a field the user changed loses its sentence. */
export function errorsAfterEdit(
  errors: FieldErrors,
  before: JobFormValues,
  after: JobFormValues,
): FieldErrors {
  const same = (field: string) =>
    JSON.stringify(valueAt(before, field)) === JSON.stringify(valueAt(after, field));
  return Object.fromEntries(Object.entries(errors).filter(([field]) => same(field)));
}

function fieldSentence(
  field: string,
  issue: z.core.$ZodIssue,
  t: TFunction,
  values: JobFormValues,
): string {
  if (field.startsWith('webhooks.')) return t('validation.webhookUrl');
  // The test restores' schedule reads like the job's own.
  switch (field.replace(/^verifySchedule\./, '')) {
    case 'emailTo': {
      const index = issue.path[3];
      const address = typeof index === 'number' ? recipientsOf(values.emailTo)[index] : undefined;
      return address === undefined
        ? t('jobs.form.recipientsTooMany', { maximum: MAX_RECIPIENTS })
        : t('jobs.form.recipientInvalid', { address });
    }
    case 'webhooks':
      return t('jobs.form.webhooksTooMany', { maximum: MAX_WEBHOOKS });
    case 'storageIds':
      return t('jobs.form.storageRequired');
    case 'databaseId':
      return t('jobs.form.databaseRequired');
    case 'passphrase':
      return t('jobs.form.passphraseShort');
    case 'expression':
      return t('jobs.form.cronInvalid');
    case 'timezone':
      return t('jobs.form.timezoneInvalid');
    case 'time':
      return t('jobs.form.timeInvalid');
    default:
      return describeIssue(issue, t);
  }
}
