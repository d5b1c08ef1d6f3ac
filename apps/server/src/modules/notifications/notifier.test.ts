import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JobNotifications, SmtpSettings } from '@rahatback/protocol';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleBackupEvent } from './notification.samples.js';
import { createNotifier } from './notifier.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A real SMTP server without auth that keeps each message's recipients and raw text. */
async function startSmtp() {
  const mails: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as AddressInfo;
  const settings: SmtpSettings = {
    host: '127.0.0.1',
    port,
    secure: false,
    from: 'rahatback@example.com',
  };
  return { settings, mails };
}

/** A real HTTP receiver; paths under /missing answer 404. */
async function startReceiver() {
  const posts: { path: string; body: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posts.push({
        path: req.url ?? '',
        body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
      });
      res.writeHead(req.url?.startsWith('/missing') ? 404 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, posts };
}

const warnings: object[] = [];
const logger = { warn: (fields: object) => warnings.push(fields) };
const settingsFor = (
  base: string,
  overrides: Partial<JobNotifications> = {},
): JobNotifications => ({
  onSuccess: true,
  onFailure: true,
  onSkipped: true,
  email: { enabled: true, to: [] },
  webhooks: [
    { url: `${base}/slack`, format: 'slack' },
    { url: `${base}/discord`, format: 'discord' },
  ],
  ...overrides,
});

describe('notifier', () => {
  it('sends the success mail to the owner and each webhook in its format', async () => {
    const smtp = await startSmtp();
    const receiver = await startReceiver();
    const notifier = createNotifier({
      publicUrl: 'http://rb.local',
      smtpSettings: () => Promise.resolve(smtp.settings),
      logger,
    });
    const results = await notifier.notify({
      settings: settingsFor(receiver.base),
      event: sampleBackupEvent(),
      ownerEmail: 'owner@example.com',
    });
    expect(results.map((r) => [r.channel, r.result.ok])).toEqual([
      ['webhook', true],
      ['webhook', true],
      ['email', true],
    ]);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.to).toEqual(['owner@example.com']);
    expect(smtp.mails[0]?.raw).toContain(
      'Subject: [RahatBack] Backup succeeded: Example job (example_db)',
    );
    const byPath = Object.fromEntries(receiver.posts.map((p) => [p.path, p.body]));
    expect(byPath['/slack']).toHaveProperty('blocks');
    expect(byPath['/discord']).toHaveProperty('embeds');
  });

  it('sends nothing when the job does not ask for this outcome', async () => {
    const smtp = await startSmtp();
    const receiver = await startReceiver();
    const notifier = createNotifier({
      publicUrl: 'http://rb.local',
      smtpSettings: () => Promise.resolve(smtp.settings),
      logger,
    });
    const results = await notifier.notify({
      settings: settingsFor(receiver.base, { onSuccess: false }),
      event: sampleBackupEvent(),
      ownerEmail: 'owner@example.com',
    });
    expect(results).toEqual([]);
    expect(smtp.mails).toEqual([]);
    expect(receiver.posts).toEqual([]);
  });

  it('returns and logs failed deliveries instead of throwing', async () => {
    const receiver = await startReceiver();
    const notifier = createNotifier({
      publicUrl: 'http://rb.local',
      smtpSettings: () => Promise.resolve(null),
      logger,
      webhook: { backoffMs: 10 },
    });
    const results = await notifier.notify({
      settings: settingsFor(receiver.base, {
        email: { enabled: true, to: ['ops@example.com'] },
        webhooks: [{ url: `${receiver.base}/missing/SECRET`, format: 'json' }],
      }),
      event: sampleBackupEvent({
        status: 'failed',
        error: { code: 'DUMP_FAILED', message: 'pg_dump failed.' },
      }),
      ownerEmail: 'owner@example.com',
    });
    expect(results).toMatchObject([
      { channel: 'webhook', result: { ok: false, error: { code: 'NOTIFICATION_FAILED' } } },
      {
        channel: 'email',
        target: 'ops@example.com',
        result: {
          ok: false,
          error: { message: expect.stringMatching(/Mail is not set up/) as unknown },
        },
      },
    ]);
    expect(JSON.stringify(warnings)).not.toContain('SECRET');
  });

  it('records a failure to load the mail settings instead of throwing', async () => {
    const notifier = createNotifier({
      publicUrl: 'http://rb.local',
      smtpSettings: () => Promise.reject(new Error('master key changed')),
      logger,
    });
    const results = await notifier.notify({
      settings: settingsFor('http://127.0.0.1:9', { webhooks: [] }),
      event: sampleBackupEvent(),
      ownerEmail: 'owner@example.com',
      timeZone: 'Not/AZone',
    });
    expect(results).toMatchObject([
      { channel: 'email', result: { ok: false, error: { code: 'UNKNOWN' } } },
    ]);
  });
});
