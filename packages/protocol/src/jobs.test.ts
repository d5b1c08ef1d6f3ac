import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BackupJob,
  BackupJobInput,
  BackupJobPatch,
  HistoryPage,
  HistoryQuery,
  RestoreInput,
  Schedule,
  SmtpSettings,
  SmtpSettingsView,
  Storage,
  StorageInput,
  StoragePatch,
} from './jobs.js';

const daily = { kind: 'daily', time: '02:30', timezone: 'Europe/Berlin' } as const;

describe('Schedule', () => {
  it('accepts every preset and a 5-field cron expression', () => {
    for (const s of [
      { kind: 'manual' },
      { kind: 'hourly', minute: 15, timezone: 'UTC' },
      daily,
      { kind: 'weekly', dayOfWeek: 0, time: '23:59', timezone: 'America/New_York' },
      { kind: 'monthly', dayOfMonth: 31, time: '00:00', timezone: 'Asia/Kolkata' },
      { kind: 'cron', expression: '*/15 9-17 * * 1-5', timezone: 'Australia/Lord_Howe' },
    ])
      expect(Schedule.safeParse(s).success, JSON.stringify(s)).toBe(true);
  });

  it('refuses unknown time zones and bare offsets with a sentence', () => {
    for (const timezone of ['Mars/Olympus', '+01:00', 'CET+1', '']) {
      const r = Schedule.safeParse({ ...daily, timezone });
      expect(r.success, timezone).toBe(false);
    }
    const r = Schedule.safeParse({ ...daily, timezone: 'Mars/Olympus' });
    expect(r.error?.issues[0]?.message).toMatch(/IANA time zone/);
  });

  it('refuses times that are not HH:MM', () => {
    for (const time of ['2:30', '24:00', '02:60', '02:30:00'])
      expect(Schedule.safeParse({ ...daily, time }).success, time).toBe(false);
  });

  it('refuses cron expressions that are invalid or not 5 fields, saying why', () => {
    const cron = (expression: string) =>
      Schedule.safeParse({ kind: 'cron', expression, timezone: 'UTC' });
    expect(cron('0 0 * * * *').error?.issues[0]?.message).toMatch(/exactly 5 fields/);
    expect(cron('@daily').success).toBe(false);
    expect(cron('61 * * * *').error?.issues[0]?.message).toMatch(/not a valid cron expression/);
    expect(cron(' 0  3 * * 1 ').success).toBe(true);
  });
});

describe('BackupJobInput and BackupJobPatch', () => {
  const input = { name: 'nightly', databaseId: 'db1', storageIds: ['s1'], schedule: daily };

  it('fills the defaults of a new job', () => {
    const job = BackupJobInput.parse(input);
    expect(job.compression).toEqual({ algorithm: 'zstd' });
    expect(job.encryption).toEqual({ enabled: false });
    expect(job.notifications.onFailure).toBe(true);
    expect(job.enabled).toBe(true);
  });

  it('needs a passphrase to encrypt, at least one destination and no duplicates', () => {
    expect(BackupJobInput.safeParse({ ...input, encryption: { enabled: true } }).success).toBe(
      false,
    );
    expect(BackupJobInput.safeParse({ ...input, storageIds: [] }).success).toBe(false);
    expect(BackupJobInput.safeParse({ ...input, storageIds: ['a', 'a'] }).success).toBe(false);
  });

  it('leaves absent fields of a patch absent instead of resetting them to defaults', () => {
    expect(BackupJobPatch.parse({ name: 'renamed' })).toEqual({ name: 'renamed' });
  });

  it('never carries the passphrase in a job response', () => {
    const row = {
      ...BackupJobInput.parse({
        ...input,
        encryption: { enabled: true, passphrase: 'secret-pass' },
      }),
      id: 'j1',
      hasPassphrase: true,
      nextRunAt: null,
      lastRun: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(JSON.stringify(BackupJob.parse(row))).not.toContain('secret-pass');
  });
});

describe('query strings and responses', () => {
  it('coerces paging and checks dates in the history query', () => {
    expect(HistoryQuery.parse({ page: '2', status: 'failed' })).toMatchObject({ page: 2 });
    expect(HistoryQuery.safeParse({ from: 'yesterday' }).success).toBe(false);
  });

  it('turns every request schema into JSON Schema for the OpenAPI document', () => {
    for (const schema of [
      BackupJobInput,
      BackupJobPatch,
      HistoryQuery,
      RestoreInput,
      StorageInput,
      StoragePatch,
      SmtpSettings,
    ])
      expect(() => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })).not.toThrow();
  });

  it('turns every response schema into JSON Schema for the OpenAPI document', () => {
    for (const schema of [BackupJob, HistoryPage, Storage, SmtpSettingsView])
      expect(() => z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' })).not.toThrow();
  });
});
