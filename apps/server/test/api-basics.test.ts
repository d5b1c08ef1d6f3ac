import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionResponse } from '@rahatback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  enrollAgent,
  makeTempDir,
  registerAccount,
  startTestApp,
  type TestApp,
} from './helpers.js';

let t: TestApp;
let session: SessionResponse;
let agentId: string;

beforeAll(async () => {
  t = await startTestApp();
  session = await registerAccount(t.app, 'basics@example.com');
  agentId = (await enrollAgent(t.app, session)).agentId;
});
afterAll(() => t.close());

const validDatabase = () => ({
  name: 'orders',
  engine: 'postgresql',
  host: '127.0.0.1',
  port: 5432,
  username: 'postgres',
  password: 'hunter2-secret',
  database: 'orders',
  agentId,
});

describe('health and documentation', () => {
  it('answers health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('documents every route in OpenAPI and serves the docs page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/health',
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/auth/logout',
        '/api/v1/auth/me',
        '/api/v1/agents',
        '/api/v1/agents/enrollment-tokens',
        '/api/v1/agents/enroll',
        '/api/v1/agents/{id}',
        '/api/v1/databases',
        '/api/v1/databases/{id}',
        '/api/v1/databases/test-connection',
        '/api/v1/databases/{id}/test',
      ]),
    );
    expect(doc.paths['/api/v1/databases']?.post).toBeDefined();
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(res.json<{ requestId: string }>().requestId).toBeTruthy();
  });

  it('says to build the web app when it is missing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/databases' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build');
  });
});

describe('bad input', () => {
  const post = (payload: unknown, contentType = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/databases',
      headers: { ...bearer(session), 'content-type': contentType },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const count = async () =>
    (
      await t.app.inject({ method: 'GET', url: '/api/v1/databases', headers: bearer(session) })
    ).json<{
      items: unknown[];
    }>().items.length;

  it.each([
    ['malformed JSON', '{"name": "x",', 'body'],
    ['a missing field', () => ({ ...validDatabase(), name: undefined }), 'name'],
    ['a wrong type', () => ({ ...validDatabase(), port: '5432' }), 'port'],
    ['a port of 70000', () => ({ ...validDatabase(), port: 70000 }), 'port'],
    ['an unknown engine', () => ({ ...validDatabase(), engine: 'oracle' }), 'engine'],
    ['an unknown option', () => ({ ...validDatabase(), options: { nope: 1 } }), 'options'],
  ])('answers %s with 400 naming the field, and stores nothing', async (_label, payload, field) => {
    const before = await count();
    const res = await post(typeof payload === 'function' ? payload() : payload);
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; message: string }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toContain(field === 'body' ? 'JSON' : `${field}:`);
    expect(await count()).toBe(before);
  });

  it('reports the range in words for a port of 70000', async () => {
    const res = await post({ ...validDatabase(), port: 70000 });
    expect(res.json()).toMatchObject({
      issues: [{ path: 'port', message: 'Too big: expected number to be <=65535' }],
    });
  });

  it('refuses an agent the caller does not own, naming agentId', async () => {
    const res = await post({ ...validDatabase(), agentId: crypto.randomUUID() });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'agentId' }] });
  });

  it('creates, reads, changes and deletes a valid database, never returning the password', async () => {
    const created = await post(validDatabase());
    expect(created.statusCode).toBe(201);
    const db = created.json<{ id: string; hasPassword: boolean }>();
    expect(db.hasPassword).toBe(true);
    expect(created.body).not.toContain('hunter2');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/databases/${db.id}`,
      headers: bearer(session),
      payload: { port: 5433, name: 'orders-2' },
    });
    expect(patched.json()).toMatchObject({ port: 5433, name: 'orders-2', hasPassword: true });
    const badPatch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/databases/${db.id}`,
      headers: bearer(session),
      payload: { port: 0 },
    });
    expect(badPatch.statusCode).toBe(400);
    const cleared = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/databases/${db.id}`,
      headers: bearer(session),
      payload: { password: '' },
    });
    expect(cleared.json()).toMatchObject({ hasPassword: false });
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/databases/${db.id}`,
      headers: bearer(session),
    });
    expect(removed.statusCode).toBe(200);
    const gone = await t.app.inject({
      method: 'GET',
      url: `/api/v1/databases/${db.id}`,
      headers: bearer(session),
    });
    expect(gone.statusCode).toBe(404);
  });
});

describe('static web app', () => {
  it('serves the built app and falls back to index.html for client routes', async () => {
    const web = makeTempDir('rahatback-web-');
    mkdirSync(join(web.dir, 'assets'));
    writeFileSync(join(web.dir, 'index.html'), '<!doctype html><title>RahatBack web</title>');
    writeFileSync(join(web.dir, 'assets', 'app.js'), 'console.log(1)');
    const withWeb = await startTestApp({ RAHATBACK_WEB_DIR: web.dir });
    try {
      const index = await withWeb.app.inject({ method: 'GET', url: '/' });
      expect(index.body).toContain('RahatBack web');
      const asset = await withWeb.app.inject({ method: 'GET', url: '/assets/app.js' });
      expect(asset.body).toBe('console.log(1)');
      const route = await withWeb.app.inject({ method: 'GET', url: '/databases/123' });
      expect(route.body).toContain('RahatBack web');
      const api = await withWeb.app.inject({ method: 'GET', url: '/api/v1/missing' });
      expect(api.statusCode).toBe(404);
      expect(api.json()).toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await withWeb.close();
      web.remove();
    }
  });
});
