import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SmtpSettings } from '@rahatback/protocol';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendMail } from './email.sender.js';
import { composeMail } from './notification.messages.js';
import { sampleBackupEvent } from './notification.samples.js';

const PASSWORD = 'smtp-Pa55-word-never-shown';

interface Delivered {
  raw: string;
  secure: boolean;
  from: string | false;
  to: string[];
}

/** Undoes quoted-printable soft line breaks and escapes, enough to read a text part. */
const decodeQuotedPrintable = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A real SMTP server on an ephemeral port that accepts one user and keeps every message. */
async function startSmtp(options: SMTPServerOptions = {}) {
  const delivered: Delivered[] = [];
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: options.key === undefined ? ['STARTTLS'] : [],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === PASSWORD)
        callback(null, { user: 'mailer' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        delivered.push({
          raw: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
          from: session.envelope.mailFrom === false ? false : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
    ...options,
  });
  // A client that gives up mid-handshake is expected in some tests; the server just logs it.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as AddressInfo;
  const settings: SmtpSettings = {
    host: '127.0.0.1',
    port,
    secure: options.secure ?? false,
    username: 'mailer',
    password: PASSWORD,
    from: 'RahatBack <backups@example.com>',
  };
  return { settings, delivered };
}

const failedRun = sampleBackupEvent({
  status: 'failed',
  error: {
    code: 'DUMP_FAILED',
    message: 'pg_dump exited with code 1: permission denied for table orders.',
  },
});
const mail = composeMail(failedRun, { publicUrl: 'https://backups.example.com' });

describe('sendMail over plain SMTP with authentication', () => {
  it('delivers the failure mail with its cause, advice and link', async () => {
    const smtp = await startSmtp();
    const result = await sendMail(smtp.settings, ['ops@example.com'], mail);
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(smtp.delivered).toHaveLength(1);
    const message = smtp.delivered[0]!;
    expect(message.from).toBe('backups@example.com');
    expect(message.to).toEqual(['ops@example.com']);
    expect(message.raw).toContain('Subject: [RahatBack] Backup failed: Example job (example_db)');
    expect(message.raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(message.raw).toMatch(/Content-Type: text\/html/);
    const body = decodeQuotedPrintable(message.raw);
    expect(body).toContain(
      'Cause: pg_dump exited with code 1: permission denied for table orders. (DUMP_FAILED)',
    );
    expect(body).toContain('What to do:');
    expect(body).toContain('https://backups.example.com/history/example-run');
    expect(message.raw).not.toContain(PASSWORD);
  });

  it('cannot be made to add a header through a job name', async () => {
    const smtp = await startSmtp();
    const hostile = sampleBackupEvent({ jobName: 'nightly\r\nBcc: thief@example.com' });
    const result = await sendMail(
      smtp.settings,
      ['ops@example.com'],
      composeMail(hostile, { publicUrl: 'http://x' }),
    );
    expect(result.ok).toBe(true);
    expect(smtp.delivered[0]?.to).toEqual(['ops@example.com']);
    const headers = smtp.delivered[0]?.raw.split(/\r?\n\r?\n/)[0];
    expect(headers).not.toMatch(/^Bcc:/im);
  });

  it('names a refused password without repeating it', async () => {
    const smtp = await startSmtp();
    const result = await sendMail(
      { ...smtp.settings, password: 'wrong-password-123' },
      ['a@example.com'],
      mail,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('AUTH_FAILED');
    expect(result.error.message).toMatch(/refused the username or password/);
    expect(result.error.message).not.toContain('wrong-password-123');
  });

  it('explains a TLS setting that does not match the port', async () => {
    const smtp = await startSmtp();
    const result = await sendMail({ ...smtp.settings, secure: true }, ['a@example.com'], mail, {
      timeoutMs: 5_000,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'TLS_REQUIRED' } });
    expect(!result.ok && result.error.message).toMatch(/use "secure" for port 465/);
  });

  it('names an unreachable server', async () => {
    const smtp = await startSmtp();
    await Promise.all(closers.splice(0).map((close) => close()));
    const result = await sendMail(smtp.settings, ['a@example.com'], mail, { timeoutMs: 5_000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'HOST_UNREACHABLE' } });
  });

  it('gives up on a server that never greets within the timeout', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => silent.close(() => resolve())));
    const { port } = silent.address() as AddressInfo;
    const started = Date.now();
    const result = await sendMail(
      { host: '127.0.0.1', port, secure: false, from: 'a@example.com' },
      ['b@example.com'],
      mail,
      { timeoutMs: 500 },
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMED_OUT' } });
  });
});

describe('sendMail over TLS', () => {
  let dir: string;
  let key: string;
  let cert: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rahatback-smtp-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
    key = readFileSync(join(dir, 'key.pem'), 'utf8');
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('upgrades with STARTTLS when the server offers it', async () => {
    const smtp = await startSmtp({ key, cert });
    const result = await sendMail(smtp.settings, ['ops@example.com'], mail, { ca: cert });
    expect(result.ok).toBe(true);
    expect(smtp.delivered[0]?.secure).toBe(true);
  });

  it('speaks TLS from the first byte when secure', async () => {
    const smtp = await startSmtp({ key, cert, secure: true });
    const result = await sendMail(smtp.settings, ['ops@example.com'], mail, { ca: cert });
    expect(result.ok).toBe(true);
    expect(smtp.delivered[0]?.secure).toBe(true);
  });

  it('refuses a certificate it cannot trust, and says so', async () => {
    const smtp = await startSmtp({ key, cert, secure: true });
    const result = await sendMail(smtp.settings, ['ops@example.com'], mail, { timeoutMs: 5_000 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/certificate that is not trusted/);
    expect(smtp.delivered).toHaveLength(0);
  });
});
