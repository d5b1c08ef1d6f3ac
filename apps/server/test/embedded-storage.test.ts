import { statSync } from 'node:fs';
import { join } from 'node:path';
import { AgentList, StorageList } from '@rahatback/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { registerAccount, startTestApp, type TestApp } from './helpers.js';

describe('embedded default storage', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function storagesOf(app: TestApp['app'], token: string): Promise<StorageList> {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/storages',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    return StorageList.parse(res.json());
  }

  it('gives the first account a local folder in the data dir, written by the embedded agent', async () => {
    // The agent entry does not exist: the agent row and its config are made, nothing is spawned.
    t = await startTestApp({
      RAHATBACK_EMBEDDED_AGENT: 'true',
      RAHATBACK_AGENT_ENTRY: '/nonexistent/agent.js',
    });
    const first = await registerAccount(t.app, 'first@example.com');
    const { items } = await storagesOf(t.app, first.token);
    expect(items).toHaveLength(1);
    const [storage] = items;
    expect(storage?.config).toEqual({ kind: 'local', path: join(t.dataDir, 'backups') });
    expect(statSync(join(t.dataDir, 'backups')).isDirectory()).toBe(true);

    const agents = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agents',
      headers: { authorization: `Bearer ${first.token}` },
    });
    const embedded = AgentList.parse(agents.json()).items.find((a) => a.isEmbedded);
    expect(embedded?.id).toBe(storage?.agentId);

    const second = await registerAccount(t.app, 'second@example.com');
    expect((await storagesOf(t.app, second.token)).items).toEqual([]);
  });

  it('creates nothing when the embedded agent is off', async () => {
    t = await startTestApp();
    const first = await registerAccount(t.app, 'first@example.com');
    expect((await storagesOf(t.app, first.token)).items).toEqual([]);
  });
});
