import { readFile } from 'node:fs/promises';
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  signUp,
  startServer,
  type ApiClient,
  type TestServer,
} from '../harness/index.js';

// "Send test" of a webhook, through the real server to a real HTTP receiver on this machine.
const SECRET_PATH = '/hooks/T000/B000/SECRET-TOKEN';

interface Received {
  method: string | undefined;
  path: string | undefined;
  headers: IncomingHttpHeaders;
  body: unknown;
}

let server: TestServer;
let api: ApiClient;
const receivers: Server[] = [];

/** A real receiver on an ephemeral port that answers every request with `reply`. */
async function startReceiver(reply: (res: ServerResponse) => void) {
  const received: Received[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({
        method: req.method,
        path: req.url,
        headers: req.headers,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      });
      reply(res);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receivers.push(receiver);
  const { port } = receiver.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${SECRET_PATH}`, host: `127.0.0.1:${port}`, received };
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const answer = (status: number) => (res: ServerResponse) => res.writeHead(status).end();

beforeAll(async () => {
  server = await startServer();
  ({ api } = await signUp(server.url));
});

afterEach(async () => {
  await Promise.all(
    receivers.splice(0).map(
      (receiver) =>
        new Promise<void>((resolve) => {
          receiver.closeAllConnections();
          receiver.close(() => resolve());
        }),
    ),
  );
});

afterAll(async () => {
  await server.stop();
});

describe('POST /api/v1/settings/webhooks/test', () => {
  it('posts a sample backup notification as JSON and says how the receiver answered', async () => {
    const receiver = await startReceiver(answer(204));
    const response = await api.post('/api/v1/settings/webhooks/test', {
      url: receiver.url,
      format: 'json',
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true, detail: 'HTTP 204' });
    expect(receiver.received).toHaveLength(1);
    const [hit] = receiver.received;
    expect(hit?.method).toBe('POST');
    expect(hit?.path).toBe(SECRET_PATH);
    expect(hit?.headers['content-type']).toBe('application/json');
    expect(hit?.body).toMatchObject({
      event: 'backup.success',
      outcome: expect.any(String) as unknown,
      title: expect.stringContaining('Example job') as unknown,
      run: { jobName: 'Example job', status: 'success' },
    });
  });

  it('shapes the sample as a Slack message, and as a Discord message', async () => {
    const receiver = await startReceiver(answer(200));
    const slack = await api.post('/api/v1/settings/webhooks/test', {
      url: receiver.url,
      format: 'slack',
    });
    const discord = await api.post('/api/v1/settings/webhooks/test', {
      url: receiver.url,
      format: 'discord',
    });
    expect([slack.status, discord.status]).toEqual([200, 200]);
    const [slackBody, discordBody] = receiver.received.map((hit) => hit.body);
    expect(slackBody).toMatchObject({ text: expect.stringContaining('Example job') as unknown });
    expect((slackBody as { blocks: unknown[] }).blocks.length).toBeGreaterThan(0);
    expect(discordBody).toMatchObject({
      content: expect.stringContaining('Example job') as unknown,
      allowed_mentions: { parse: [] },
    });
    expect((discordBody as { embeds: unknown[] }).embeds).toHaveLength(1);
  });

  it('answers 502 with a sentence naming the host and the fix when nothing listens there', async () => {
    const port = await closedPort();
    const response = await api.post<{ code: string; message: string }>(
      '/api/v1/settings/webhooks/test',
      { url: `http://127.0.0.1:${port}${SECRET_PATH}`, format: 'json' },
    );
    expect(response.status).toBe(502);
    expect(response.body.code).toBe('NOTIFICATION_FAILED');
    expect(response.body.message).toMatch(
      new RegExp(`^Could not reach the webhook at 127\\.0\\.0\\.1:${port} \\(.+\\): check the URL`),
    );
    // The path of a webhook URL is often its secret.
    expect(response.text).not.toContain('SECRET-TOKEN');
  });

  it('answers 502 with the receiver’s status when it refuses the sample', async () => {
    const receiver = await startReceiver(answer(404));
    const response = await api.post<{ code: string; message: string }>(
      '/api/v1/settings/webhooks/test',
      { url: receiver.url, format: 'json' },
    );
    expect(response.status).toBe(502);
    expect(response.body.message).toContain(`The webhook at ${receiver.host} answered HTTP 404`);
    expect(response.text).not.toContain('SECRET-TOKEN');
    // One attempt: the user waits for the answer.
    expect(receiver.received).toHaveLength(1);
  });

  it('does not follow a redirect, so a webhook cannot bounce the server to another address', async () => {
    const inside = await startReceiver(answer(200));
    const bouncer = await startReceiver((res) =>
      res.writeHead(307, { location: inside.url }).end(),
    );
    const response = await api.post('/api/v1/settings/webhooks/test', {
      url: bouncer.url,
      format: 'json',
    });
    expect(response.status).toBe(502);
    expect(bouncer.received).toHaveLength(1);
    expect(inside.received).toEqual([]);
  });

  it('refuses a URL that is not http(s) with a 400 naming the field, and sends nothing', async () => {
    const response = await api.post<{ code: string; issues: { path: string }[] }>(
      '/api/v1/settings/webhooks/test',
      { url: 'file:///etc/passwd', format: 'json' },
    );
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.issues.map((issue) => issue.path)).toContain('url');
  });

  it('needs a signed-in user', async () => {
    const receiver = await startReceiver(answer(204));
    const response = await apiClient(server.url).post('/api/v1/settings/webhooks/test', {
      url: receiver.url,
      format: 'json',
    });
    expect(response.status).toBe(401);
    expect(receiver.received).toEqual([]);
  });

  it('never writes a webhook’s secret path to the server log', async () => {
    const receiver = await startReceiver(answer(500));
    await api.post('/api/v1/settings/webhooks/test', { url: receiver.url, format: 'json' });
    expect(await readFile(server.logPath, 'utf8')).not.toContain('SECRET-TOKEN');
  });
});
