import type { BackupJob } from '@rahatback/protocol';
import { describe, expect, it } from 'vitest';
import {
  emptyJobValues,
  errorsAfterEdit,
  type JobFormValues,
  jobValuesOf,
  validateJob,
} from './job-form-values.js';
import { testTranslator } from '../../test/translator.js';

const { i18n, t } = testTranslator();

const filled = (patch: Partial<JobFormValues> = {}): JobFormValues => ({
  ...emptyJobValues('db-1', ['st-1']),
  name: 'Nightly',
  timezone: 'Europe/Istanbul',
  passphrase: 'correct horse battery',
  passphraseAgain: 'correct horse battery',
  ...patch,
});

describe('the job form’s validation', () => {
  it('sends an encrypted daily job as the protocol expects', () => {
    const result = validateJob(filled(), i18n.t, false);
    expect(result.errors).toBeNull();
    expect(result.data).toMatchObject({
      name: 'Nightly',
      databaseId: 'db-1',
      storageIds: ['st-1'],
      schedule: { kind: 'daily', time: '02:00', timezone: 'Europe/Istanbul' },
      compression: { algorithm: 'zstd' },
      encryption: { enabled: true, passphrase: 'correct horse battery' },
      retention: { keepLast: 7 },
      enabled: true,
    });
  });

  it('refuses a passphrase typed differently the second time', () => {
    const result = validateJob(
      filled({ passphraseAgain: 'correct horse battery!' }),
      i18n.t,
      false,
    );
    expect(result.errors).toEqual({ passphraseAgain: t('jobs.form.passphraseMismatch') });
  });

  it('asks a new encrypted job for a passphrase of 8 characters or more', () => {
    const short = validateJob(
      filled({ passphrase: 'short', passphraseAgain: 'short' }),
      i18n.t,
      false,
    );
    expect(short.errors).toEqual({ passphrase: t('jobs.form.passphraseShort') });
    const none = validateJob(filled({ passphrase: '', passphraseAgain: '' }), i18n.t, false);
    expect(none.errors).toEqual({ passphrase: t('jobs.form.passphraseShort') });
  });

  it('lets an edit keep the sealed passphrase by leaving it empty', () => {
    const result = validateJob(filled({ passphrase: '', passphraseAgain: '' }), i18n.t, true);
    expect(result.data?.encryption).toEqual({ enabled: true });
  });

  it('needs a destination, and names a cron expression that is not valid', () => {
    const result = validateJob(
      filled({ storageIds: [], scheduleKind: 'cron', expression: '0 2 * *' }),
      i18n.t,
      false,
    );
    expect(result.errors).toEqual({
      storageIds: t('jobs.form.storageRequired'),
      expression: t('jobs.form.cronInvalid'),
    });
  });

  it('refuses a gzip level above 9 under the level input', () => {
    const result = validateJob(filled({ algorithm: 'gzip', level: 12 }), i18n.t, false);
    expect(Object.keys(result.errors ?? {})).toEqual(['level']);
  });
});

/** A job as the API returns it, with what was set through the API and not in the form. */
const savedJob = (): BackupJob => ({
  id: 'job-1',
  name: 'Nightly',
  databaseId: 'db-1',
  storageIds: ['st-1'],
  schedule: { kind: 'daily', time: '02:00', timezone: 'Europe/Istanbul' },
  compression: { algorithm: 'zstd' },
  encryption: { enabled: true },
  hasPassphrase: true,
  retention: { keepLast: 7, gfs: { daily: 7, weekly: 4, monthly: 12, yearly: 0 } },
  notifications: {
    onSuccess: false,
    onFailure: true,
    onSkipped: true,
    email: { enabled: true, to: ['ops@example.com', 'dba@example.com'] },
    webhooks: [
      { url: 'https://hooks.slack.com/services/T0/B0/secret', format: 'slack' },
      { url: 'https://example.com/rahatback', format: 'json' },
    ],
  },
  enabled: true,
  timeoutMinutes: 30,
  verification: { enabled: true },
  nextRunAt: null,
  lastRun: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});

describe('editing a job in the form', () => {
  it('keeps the recipients and webhooks set through the API', () => {
    const job = savedJob();
    const result = validateJob(jobValuesOf(job), i18n.t, true);
    expect(result.errors).toBeNull();
    expect(result.data?.notifications).toEqual(job.notifications);
  });

  it('keeps the time limit, test restores and GFS retention the form does not show', () => {
    const job = savedJob();
    const result = validateJob(jobValuesOf(job), i18n.t, true);
    expect(result.data).toMatchObject({
      timeoutMinutes: 30,
      verification: { enabled: true },
      retention: job.retention,
    });
  });
});

describe('the notification fields’ validation', () => {
  it('sends the typed recipients and webhooks', () => {
    const result = validateJob(
      filled({
        isEmailEnabled: true,
        emailTo: 'ops@example.com, dba@example.com',
        webhooks: [{ url: ' https://discord.com/api/webhooks/1/x ', format: 'discord' }],
      }),
      i18n.t,
      false,
    );
    expect(result.data?.notifications.email).toEqual({
      enabled: true,
      to: ['ops@example.com', 'dba@example.com'],
    });
    expect(result.data?.notifications.webhooks).toEqual([
      { url: 'https://discord.com/api/webhooks/1/x', format: 'discord' },
    ]);
  });

  it('names the wrong address and the wrong webhook URL under their fields, in Turkish too', async () => {
    const values = filled({
      emailTo: 'ops@example.com, not-an-address',
      webhooks: [
        { url: 'https://example.com/ok', format: 'json' },
        { url: 'ftp://example.com/hook', format: 'json' },
      ],
    });
    const english = validateJob(values, i18n.t, false);
    expect(english.errors).toEqual({
      emailTo: i18n.t('jobs.form.recipientInvalid', { address: 'not-an-address' }),
      'webhooks.1.url': i18n.t('validation.webhookUrl'),
    });
    expect(english.errors?.emailTo).toContain('not-an-address');
    await i18n.changeLanguage('tr');
    try {
      const turkish = validateJob(values, i18n.t, false);
      expect(turkish.errors?.['webhooks.1.url']).toBe(i18n.t('validation.webhookUrl'));
      expect(turkish.errors?.['webhooks.1.url']).not.toBe(english.errors?.['webhooks.1.url']);
      expect(turkish.errors?.emailTo).toContain('not-an-address');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe('the form’s sentences as the user fixes fields', () => {
  it('drops the sentence of the field just changed and keeps the others', () => {
    const before = filled({
      name: '',
      webhooks: [
        { url: 'https://example.com/ok', format: 'json' },
        { url: 'ftp://example.com/hook', format: 'json' },
      ],
    });
    const errors = validateJob(before, i18n.t, false).errors ?? {};
    expect(Object.keys(errors).sort()).toEqual(['name', 'webhooks.1.url']);
    const fixed: JobFormValues = {
      ...before,
      webhooks: [
        { url: 'https://example.com/ok', format: 'json' },
        { url: 'https://example.com/hook', format: 'json' },
      ],
    };
    expect(Object.keys(errorsAfterEdit(errors, before, fixed))).toEqual(['name']);
    expect(errorsAfterEdit(errors, before, { ...before, name: 'Nightly' })).toEqual({
      'webhooks.1.url': errors['webhooks.1.url'],
    });
  });
});

describe('the test restore fields', () => {
  it('sends test restores off by default, and after every backup once turned on', () => {
    expect(validateJob(filled(), i18n.t, false).data?.verification).toEqual({ enabled: false });
    const on = validateJob(filled({ isVerifying: true }), i18n.t, false);
    expect(on.data?.verification).toEqual({ enabled: true });
  });

  it('sends their own schedule when chosen', () => {
    const values = filled({ isVerifying: true, verifyWhen: 'schedule' });
    const result = validateJob(
      { ...values, verifySchedule: { ...values.verifySchedule, timezone: 'Europe/Istanbul' } },
      i18n.t,
      false,
    );
    expect(result.data?.verification).toEqual({
      enabled: true,
      schedule: { kind: 'weekly', dayOfWeek: 0, time: '04:00', timezone: 'Europe/Istanbul' },
    });
  });

  it('shows a job’s test restore schedule and saves it back unchanged', () => {
    const schedule = { kind: 'cron', expression: '30 5 * * 1-5', timezone: 'UTC' } as const;
    const job = { ...savedJob(), verification: { enabled: true, schedule } };
    const values = jobValuesOf(job);
    expect(values).toMatchObject({
      isVerifying: true,
      verifyWhen: 'schedule',
      verifySchedule: { scheduleKind: 'cron', expression: '30 5 * * 1-5', timezone: 'UTC' },
    });
    expect(validateJob(values, i18n.t, true).data?.verification).toEqual(job.verification);
  });

  it('keeps their schedule while they are turned off', () => {
    const schedule = { kind: 'daily', time: '05:00', timezone: 'UTC' } as const;
    const job = { ...savedJob(), verification: { enabled: true, schedule } };
    const off = { ...jobValuesOf(job), isVerifying: false };
    expect(validateJob(off, i18n.t, true).data?.verification).toEqual({ enabled: false, schedule });
  });

  it('names a wrong cron expression of their schedule under its own input', () => {
    const values = filled({ isVerifying: true, verifyWhen: 'schedule' });
    const wrong: JobFormValues = {
      ...values,
      verifySchedule: { ...values.verifySchedule, scheduleKind: 'cron', expression: '0 4 *' },
    };
    const errors = validateJob(wrong, i18n.t, false).errors ?? {};
    expect(errors).toEqual({ 'verifySchedule.expression': t('jobs.form.cronInvalid') });
    const fixed: JobFormValues = {
      ...wrong,
      verifySchedule: { ...wrong.verifySchedule, expression: '0 4 * * 0' },
    };
    expect(errorsAfterEdit(errors, wrong, fixed)).toEqual({});
  });
});
