import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AgentConfigFile } from '@rahatback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toUser } from '../src/modules/auth/auth.service.js';
import { connectAgent } from './fake-agent.js';
import { bearer, registerAccount, startTestApp, type TestApp } from './helpers.js';

describe('the embedded agent', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp({ RAHATBACK_EMBEDDED_AGENT: 'true' });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('is enrolled for the first account, with its credential in a 0600 file that the server accepts', async () => {
    const admin = await registerAccount(t.app, 'admin@example.com');
    const file = join(t.dataDir, 'embedded-agent.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const config = AgentConfigFile.parse(JSON.parse(readFileSync(file, 'utf8')));

    const agents = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agents',
      headers: bearer(admin),
    });
    expect(agents.json()).toMatchObject({ items: [{ id: config.agentId, isEmbedded: true }] });

    const socket = await connectAgent(baseUrl, { credential: config.credential });
    socket.close();
  });

  it('belongs to the first account only', async () => {
    const second = await registerAccount(t.app, 'second@example.com');
    const agents = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agents',
      headers: bearer(second),
    });
    expect(agents.json()).toEqual({ items: [] });
  });

  it('keeps its identity and credential when the server ensures it again', async () => {
    const before = AgentConfigFile.parse(
      JSON.parse(readFileSync(join(t.dataDir, 'embedded-agent.json'), 'utf8')),
    );
    const { embeddedAgent, repos } = t.app.container;
    const admin = await repos.auth.findFirstAdmin();
    if (embeddedAgent === undefined || admin === undefined)
      throw new Error('embedded agent expected');
    await embeddedAgent.ensureFor(toUser(admin));
    const after = AgentConfigFile.parse(
      JSON.parse(readFileSync(join(t.dataDir, 'embedded-agent.json'), 'utf8')),
    );
    expect(after).toEqual(before);
  });
});
