import type { EnrollmentToken, SessionResponse } from '@rahatback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/crypto/tokens.js';
import { bearer, registerAccount, startTestApp, type TestApp } from './helpers.js';

let t: TestApp;
let owner: SessionResponse;

beforeAll(async () => {
  t = await startTestApp({ RAHATBACK_PUBLIC_URL: 'https://backups.example.com' });
  owner = await registerAccount(t.app, 'enroll@example.com');
});
afterAll(() => t.close());

const newToken = async () =>
  (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/agents/enrollment-tokens',
      headers: bearer(owner),
      payload: { name: 'db-host' },
    })
  ).json<EnrollmentToken>();

const enroll = (token: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/agents/enroll',
    payload: { token, hostname: 'db-host.lan', agentVersion: '0.1.0' },
  });

describe('enrollment', () => {
  it('gives a one-hour token and the exact command to run', async () => {
    const before = Date.now();
    const token = await newToken();
    expect(token.command).toBe(
      `npx rahatback-agent enroll --server https://backups.example.com --token ${token.token}`,
    );
    const ttl = new Date(token.expiresAt).getTime() - before;
    expect(ttl).toBeGreaterThan(3590_000);
    expect(ttl).toBeLessThanOrEqual(3600_000 + 1000);
  });

  it('trades a token once for a 256-bit credential kept only as a hash', async () => {
    const { token } = await newToken();
    const first = await enroll(token);
    expect(first.statusCode).toBe(201);
    const { agentId, credential } = first.json<{ agentId: string; credential: string }>();
    expect(Buffer.from(credential, 'base64url')).toHaveLength(32);
    const row = await t.app.container.store.db
      .selectFrom('agents')
      .selectAll()
      .where('id', '=', agentId)
      .executeTakeFirstOrThrow();
    expect(row.credential_hash).toBe(hashToken(credential));
    expect(JSON.stringify(row)).not.toContain(credential);
    expect(row).toMatchObject({ name: 'db-host', hostname: 'db-host.lan' });

    const second = await enroll(token);
    expect(second.statusCode).toBe(401);
    expect(second.json()).toMatchObject({ code: 'ENROLLMENT_TOKEN_INVALID' });
  });

  it('refuses an expired token', async () => {
    const { token } = await newToken();
    await t.app.container.store.db
      .updateTable('enrollment_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('token_hash', '=', hashToken(token))
      .execute();
    const res = await enroll(token);
    expect(res.statusCode).toBe(401);
    expect(res.json<{ message: string }>().message).toContain('create a new one');
  });

  it('lists the enrolled agent for its owner, offline until it connects', async () => {
    const { token } = await newToken();
    const { agentId } = (await enroll(token)).json<{ agentId: string }>();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agents',
      headers: bearer(owner),
    });
    const agent = res.json<{ items: { id: string }[] }>().items.find((a) => a.id === agentId);
    expect(agent).toMatchObject({ online: false, lastSeenAt: null, isEmbedded: false, tools: [] });
  });
});

describe('enrollment without a configured public URL', () => {
  it('names the address the browser used in the command', async () => {
    const local = await startTestApp();
    try {
      const admin = await registerAccount(local.app, 'origin@example.com');
      const res = await local.app.inject({
        method: 'POST',
        url: '/api/v1/agents/enrollment-tokens',
        headers: { ...bearer(admin), host: '192.168.1.5:8080' },
        payload: {},
      });
      expect(res.json<EnrollmentToken>().command).toMatch(
        /^npx rahatback-agent enroll --server http:\/\/192\.168\.1\.5:8080 --token \S+$/,
      );
    } finally {
      await local.close();
    }
  });
});
