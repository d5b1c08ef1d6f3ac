import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { composeWebhookBody } from './notification.messages.js';
import { sampleBackupEvent } from './notification.samples.js';
import { postWebhook } from './webhook.sender.js';

interface Received {
  contentType: string | undefined;
  body: unknown;
}

/** A real HTTP receiver on an ephemeral port; `reply` decides each answer in turn. */
async function startReceiver(reply: (n: number, res: ServerResponse) => void) {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        contentType: req.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
      });
      reply(received.length, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  stops.push(stop);
  return { url: `http://127.0.0.1:${port}/hooks/SECRET-TOKEN`, received };
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

const answer = (status: number) => (_n: number, res: ServerResponse) => res.writeHead(status).end();
const ctx = { publicUrl: 'http://localhost:3000' };
const failedEvent = sampleBackupEvent({
  status: 'failed',
  error: { code: 'DUMP_FAILED', message: 'pg_dump exited with code 1.' },
});

describe('postWebhook', () => {
  it('posts the JSON event as application/json', async () => {
    const receiver = await startReceiver(answer(204));
    const body = composeWebhookBody(failedEvent, 'json', ctx);
    const result = await postWebhook(receiver.url, body);
    expect(result).toEqual({ ok: true, attempts: 1, detail: 'HTTP 204' });
    expect(receiver.received).toEqual([{ contentType: 'application/json', body }]);
  });

  it('delivers a body shaped as Slack incoming webhooks expect', async () => {
    const receiver = await startReceiver(answer(200));
    await postWebhook(receiver.url, composeWebhookBody(failedEvent, 'slack', ctx));
    const body = receiver.received[0]?.body as {
      text: string;
      blocks: { type: string; text?: { type: string; text: string }; fields?: unknown[] }[];
    };
    expect(typeof body.text).toBe('string');
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    for (const block of body.blocks) {
      expect(['section', 'actions']).toContain(block.type);
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
      if (block.fields) expect(block.fields.length).toBeLessThanOrEqual(10);
    }
    expect(JSON.stringify(body)).toContain('http://localhost:3000/history/example-run');
  });

  it('delivers a body shaped as Discord webhooks expect', async () => {
    const receiver = await startReceiver(answer(204));
    await postWebhook(receiver.url, composeWebhookBody(failedEvent, 'discord', ctx));
    const body = receiver.received[0]?.body as {
      content: string;
      embeds: { title: string; color: number; fields: { name: string; value: string }[] }[];
    };
    expect(body.content.length).toBeGreaterThan(0);
    expect(body.content.length).toBeLessThanOrEqual(2000);
    expect(body.embeds).toHaveLength(1);
    const embed = body.embeds[0]!;
    expect(embed.title.length).toBeLessThanOrEqual(256);
    expect(Number.isInteger(embed.color)).toBe(true);
    for (const field of embed.fields) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(1024);
    }
  });

  it('retries a 503 with backoff and succeeds on the third attempt', async () => {
    const receiver = await startReceiver((n, res) => res.writeHead(n < 3 ? 503 : 200).end());
    const result = await postWebhook(receiver.url, { hello: 1 }, { backoffMs: 20 });
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(receiver.received).toHaveLength(3);
  });

  it('fails on a 404 at once, naming the status but not the secret path', async () => {
    const receiver = await startReceiver(answer(404));
    const result = await postWebhook(receiver.url, {}, { backoffMs: 20 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.attempts).toBe(1);
    expect(result.error.code).toBe('NOTIFICATION_FAILED');
    expect(result.error.message).toMatch(/answered HTTP 404 Not Found/);
    expect(result.error.message).not.toContain('SECRET-TOKEN');
  });

  it('gives up after two retries of a failing server', async () => {
    const receiver = await startReceiver(answer(500));
    const result = await postWebhook(receiver.url, {}, { backoffMs: 10 });
    expect(result).toMatchObject({ ok: false, attempts: 3 });
    expect(!result.ok && result.error.message).toMatch(/HTTP 500 .*\(3 attempts\)/);
  });

  it('times out a receiver that never answers', async () => {
    const receiver = await startReceiver(() => undefined);
    const started = Date.now();
    const result = await postWebhook(receiver.url, {}, { timeoutMs: 200, retries: 0 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(!result.ok && result.error.code).toBe('TIMED_OUT');
  });

  it('names an unreachable receiver', async () => {
    const receiver = await startReceiver(answer(200));
    await Promise.all(stops.splice(0).map((stop) => stop()));
    const result = await postWebhook(receiver.url, {}, { retries: 1, backoffMs: 10 });
    expect(result).toMatchObject({ ok: false, attempts: 2, error: { code: 'HOST_UNREACHABLE' } });
    expect(!result.ok && result.error.message).toMatch(/ECONNREFUSED/);
  });
});
