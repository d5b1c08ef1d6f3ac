import { createServer as createHttpServer } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConfigFile } from '@rahatback/protocol';
import {
  apiClient,
  registerUser,
  runAgentCli,
  startServer,
  type TestServer,
} from '../harness/index.js';

let server: TestServer;
let home: string;
let newToken: () => Promise<string>;

beforeAll(async () => {
  server = await startServer();
  home = await mkdtemp(join(tmpdir(), 'rahatback-enroll-'));
  const api = apiClient(server.url, (await registerUser(server.url)).token);
  newToken = async () =>
    (await api.post<{ token: string }>('/api/v1/agents/enrollment-tokens', { name: 'cli' })).body
      .token;
});

afterAll(async () => {
  await server?.stop();
  await rm(home, { recursive: true, force: true });
});

describe('rahatback-agent enroll', () => {
  it('writes the credential to a file only its user can read, in the default location', async () => {
    const token = await newToken();
    const outcome = await runAgentCli(['enroll', '--server', server.url, '--token', token], {
      HOME: home,
      RAHATBACK_AGENT_CONFIG: '',
    });
    const path = join(home, '.config', 'rahatback', 'agent.json');
    expect(outcome.stdout).toContain(path);
    expect(outcome.code).toBe(0);
    const file = AgentConfigFile.parse(JSON.parse(await readFile(path, 'utf8')));
    expect(file.serverUrl).toBe(server.url);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(home, '.config', 'rahatback'))).mode & 0o777).toBe(0o700);
    // The credential is a secret: it is written to the file, never printed.
    expect(outcome.stdout + outcome.stderr).not.toContain(file.credential);
  });

  it('honours --config and --name, and refuses a token that was already used', async () => {
    const token = await newToken();
    const config = join(home, 'custom', 'agent.json');
    const first = await runAgentCli([
      'enroll',
      '--server',
      server.url,
      '--token',
      token,
      '--config',
      config,
      '--name',
      'db-box-1',
    ]);
    expect(first.code).toBe(0);
    expect(AgentConfigFile.parse(JSON.parse(await readFile(config, 'utf8'))).hostname).toBe(
      'db-box-1',
    );
    const again = await runAgentCli([
      'enroll',
      '--server',
      server.url,
      '--token',
      token,
      '--config',
      config,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('invalid, expired or already used');
    expect(again.stderr).toContain('create a new one on the Agents page');
  });

  it('refuses a made-up token with the same sentence', async () => {
    const outcome = await runAgentCli([
      'enroll',
      '--server',
      server.url,
      '--token',
      'x'.repeat(43),
      '--config',
      join(home, 'x.json'),
    ]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('invalid, expired or already used');
  });

  it('names an unreachable server and what to check', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const outcome = await runAgentCli([
      'enroll',
      '--server',
      `http://127.0.0.1:${port}`,
      '--token',
      'x'.repeat(43),
      '--config',
      join(home, 'y.json'),
    ]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(`could not reach the server at http://127.0.0.1:${port}`);
    expect(outcome.stderr).toContain('ECONNREFUSED');
  });

  it('exits 2 with the usage on bad arguments', async () => {
    const missing = await runAgentCli(['enroll', '--server', server.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--token is required');
    const badUrl = await runAgentCli([
      'enroll',
      '--server',
      'not a url',
      '--token',
      'x'.repeat(43),
    ]);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('--server must be a URL');
    const unknown = await runAgentCli(['enroll', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('usage: rahatback-agent enroll');
  });
});

describe('rahatback-agent run', () => {
  it('tells the user to enroll first when there is no config file', async () => {
    const outcome = await runAgentCli(['run', '--config', join(home, 'none', 'agent.json')]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('run "rahatback-agent enroll --server URL --token T" first');
  });

  it('stops with exit 3 and the server sentence when the server speaks another protocol', async () => {
    // A server of a future release, refusing this agent's protocol version.
    const http = createHttpServer();
    const io = new Server(http, { transports: ['websocket'] });
    io.of('/agent').use((_socket, next) =>
      next(
        new Error('PROTOCOL_MISMATCH: agent speaks protocol 1, server speaks 2; upgrade the agent'),
      ),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as { port: number };
    const config = join(home, 'future', 'agent.json');
    await mkdir(join(home, 'future'), { recursive: true });
    await writeFile(
      config,
      JSON.stringify({
        serverUrl: `http://127.0.0.1:${port}`,
        agentId: 'agent-1',
        credential: 'c'.repeat(43),
      }),
      { mode: 0o600 },
    );
    try {
      const outcome = await runAgentCli(['run', '--config', config]);
      expect(outcome.code).toBe(3);
      expect(outcome.stderr).toContain('server speaks 2; upgrade the agent');
    } finally {
      await new Promise((resolve) => void io.close(() => resolve(undefined)));
    }
  });
});
