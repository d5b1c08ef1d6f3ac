import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en, tr } from '../../i18n/catalogues.js';
import { emptyJobValues, type JobFormValues, validateJob } from './job-form-values.js';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: en }, tr: { translation: tr } },
    lng: 'en',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});
const t = (key: string) => i18n.t(key);

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
