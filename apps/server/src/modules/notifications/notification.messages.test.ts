import type { BackupRun } from '@rahatback/protocol';
import { describe, expect, it } from 'vitest';
import { composeMail, composeTestMail, composeWebhookBody } from './notification.messages.js';
import { sampleBackupEvent, sampleRestoreEvent } from './notification.samples.js';
import { shouldNotify } from './notification.summary.js';

const backupEvent = (overrides: Partial<BackupRun> = {}) =>
  sampleBackupEvent({ id: 'run_42', jobName: 'Nightly <shop>', ...overrides }, 'shop & co');
const restoreEvent = () => sampleRestoreEvent({ id: 'rst_7' });

const ctx = { publicUrl: 'https://backups.example.com/', timeZone: 'Europe/Berlin' };
const failed = backupEvent({
  status: 'failed',
  storedSize: null,
  sha256: null,
  error: {
    code: 'STORAGE_UNREACHABLE',
    message: 'The S3 endpoint s3.local:9000 refused the connection.',
  },
});

describe('composeMail', () => {
  it('says what succeeded, when, how big, how long, with a link to the run', () => {
    const mail = composeMail(backupEvent(), ctx);
    expect(mail.subject).toBe('[RahatBack] Backup succeeded: Nightly <shop> (shop & co)');
    expect(mail.text).toContain('Started: 30 Jun 2026, 03:00:00 CEST');
    expect(mail.text).toContain('Duration: 1 min 5 s');
    expect(mail.text).toContain('Size: 12.5 MiB (50.0 MiB before compression)');
    expect(mail.text).toContain('Copy on Example storage: stored');
    expect(mail.text).toContain('https://backups.example.com/history/run_42');
    expect(mail.text).not.toContain('Cause');
  });

  it('gives a failure its cause and what to do', () => {
    const mail = composeMail(failed, ctx);
    expect(mail.subject).toContain('Backup failed');
    expect(mail.text).toContain(
      'Cause: The S3 endpoint s3.local:9000 refused the connection. (STORAGE_UNREACHABLE)',
    );
    expect(mail.text).toMatch(/What to do: Check that the storage service is up/);
    expect(mail.html).toContain('What to do:');
  });

  it('escapes names in the html body', () => {
    const { html } = composeMail(backupEvent(), ctx);
    expect(html).toContain('Nightly &lt;shop&gt;');
    expect(html).toContain('shop &amp; co');
    expect(html).not.toContain('<shop>');
  });

  it('explains a skipped run and a failure recorded without a reason', () => {
    const skipped = backupEvent({
      status: 'skipped',
      durationMs: null,
      error: { code: 'AGENT_OFFLINE', message: 'The agent "office" is offline.' },
    });
    expect(composeMail(skipped, ctx).text).toContain('What to do: Start the agent');
    const silent = composeMail(backupEvent({ status: 'failed', error: null }), ctx);
    expect(silent.text).toContain('Cause: No reason was recorded. (UNKNOWN)');
  });

  it('reports a restore with a link to it', () => {
    const mail = composeMail(restoreEvent(), ctx);
    expect(mail.subject).toBe('[RahatBack] Restore succeeded: Example job into example_copy');
    expect(mail.text).toContain('https://backups.example.com/restores/rst_7');
  });

  it('composes the test mail', () => {
    expect(composeTestMail(ctx).subject).toBe('[RahatBack] Test email');
  });
});

describe('composeWebhookBody', () => {
  it('sends a plain JSON event with the run', () => {
    const body = composeWebhookBody(failed, 'json', ctx) as Record<string, unknown>;
    expect(body).toMatchObject({
      event: 'backup.failed',
      outcome: 'failure',
      url: 'https://backups.example.com/history/run_42',
      run: { id: 'run_42', status: 'failed' },
    });
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  it('sends Slack a text fallback and blocks with escaped mrkdwn', () => {
    const body = composeWebhookBody(failed, 'slack', ctx) as {
      text: string;
      blocks: { type: string }[];
    };
    expect(body.text).toContain('Backup failed: Nightly &lt;shop&gt; (shop &amp; co)');
    expect(body.text).toContain('<https://backups.example.com/history/run_42|details>');
    expect(body.blocks.map((b) => b.type)).toEqual(['section', 'section', 'section', 'actions']);
  });

  it('sends Discord content and an embed without pinging anyone', () => {
    const body = composeWebhookBody(failed, 'discord', ctx) as {
      content: string;
      allowed_mentions: { parse: unknown[] };
      embeds: { url: string; color: number; fields: { name: string; value: string }[] }[];
    };
    expect(body.content).toContain('Backup failed');
    expect(body.allowed_mentions.parse).toEqual([]);
    expect(body.embeds[0]?.url).toBe('https://backups.example.com/history/run_42');
    expect(body.embeds[0]?.fields.length).toBeLessThanOrEqual(25);
  });
});

describe('shouldNotify', () => {
  const settings = {
    onSuccess: false,
    onFailure: true,
    onSkipped: false,
    email: { enabled: true, to: [] },
    webhooks: [],
  };

  it('follows the job flags per outcome', () => {
    expect(shouldNotify(settings, backupEvent())).toBe(false);
    expect(shouldNotify(settings, failed)).toBe(true);
    expect(shouldNotify(settings, backupEvent({ status: 'cancelled' }))).toBe(true);
    expect(shouldNotify(settings, backupEvent({ status: 'skipped' }))).toBe(false);
    expect(shouldNotify({ ...settings, onSuccess: true }, restoreEvent())).toBe(true);
  });
});
