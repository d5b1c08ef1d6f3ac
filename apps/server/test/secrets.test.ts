import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, createLogger, loadConfig } from '../src/app.js';
import {
  bearer,
  enrollAgent,
  makeTempDir,
  registerAccount,
  startTestApp,
  type TestApp,
} from './helpers.js';

const PASSWORD = 'Pl41n-Text-Secret-7781';

const flipCharacter = (text: string, at: number) =>
  text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

/** Every byte the store wrote: the database file and its WAL / shared-memory companions. */
const storeBytes = (dir: string) =>
  Buffer.concat(
    readdirSync(dir)
      .filter((f) => f.startsWith('rahatback.db'))
      .map((f) => readFileSync(join(dir, f))),
  );

describe('a sealed database password', () => {
  let t: TestApp;
  const responses: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await registerAccount(t.app, 'secrets@example.com');
    const { agentId } = await enrollAgent(t.app, owner);
    const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
      const res = await t.app.inject({
        method,
        url,
        headers: bearer(owner),
        ...(payload && { payload }),
      });
      responses.push(res.body);
      return res;
    };
    const form = {
      name: 'prod',
      engine: 'postgresql',
      host: '127.0.0.1',
      port: 5432,
      username: 'postgres',
      password: PASSWORD,
      database: 'prod',
      agentId,
    };
    const created = await call('POST', '/api/v1/databases', form);
    const id = created.json<{ id: string }>().id;
    await call('GET', `/api/v1/databases/${id}`);
    await call('GET', '/api/v1/databases');
    await call('PATCH', `/api/v1/databases/${id}`, { password: PASSWORD, name: 'prod-2' });
    await call('POST', `/api/v1/databases/${id}/test`);
    await call('POST', '/api/v1/databases/test-connection', form);
    await call('POST', '/api/v1/databases', { ...form, port: 70000 });
  });
  afterAll(() => t.close());

  it('is not in any API response', () => {
    expect(responses.length).toBeGreaterThan(5);
    for (const body of responses) expect(body).not.toContain(PASSWORD);
  });

  it('is not in the logs, which did record the requests', () => {
    const logs = t.logs();
    expect(logs).toContain('/api/v1/databases');
    expect(logs).not.toContain(PASSWORD);
  });

  it('is not in plain text in the SQLite files', () => {
    const bytes = storeBytes(t.dataDir);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from('v1:'))).toBe(true);
  });

  it('writes the generated master key with mode 0600', () => {
    expect(statSync(join(t.dataDir, 'master.key')).mode & 0o777).toBe(0o600);
  });
});

describe('the master key', () => {
  it('is generated again for a store that holds nothing sealed, which then opens', async () => {
    const temp = makeTempDir();
    const env = { RAHATBACK_DATA_DIR: temp.dir, PORT: '0', RAHATBACK_EMBEDDED_AGENT: 'false' };
    await (await buildApp(loadConfig(env), { logger: false })).close();
    const firstKey = readFileSync(join(temp.dir, 'master.key'), 'utf8');
    rmSync(join(temp.dir, 'master.key'));
    await (await buildApp(loadConfig(env), { logger: false })).close();
    expect(readFileSync(join(temp.dir, 'master.key'), 'utf8')).not.toBe(firstKey);
    await (await buildApp(loadConfig(env), { logger: false })).close();
    temp.remove();
  });

  it('is never regenerated when its file is missing while sealed data exists', async () => {
    const temp = makeTempDir();
    const env = { RAHATBACK_DATA_DIR: temp.dir, PORT: '0', RAHATBACK_EMBEDDED_AGENT: 'false' };
    const first = await buildApp(loadConfig(env), { logger: false });
    const owner = await registerAccount(first, 'key@example.com');
    const { agentId } = await enrollAgent(first, owner);
    await first.inject({
      method: 'POST',
      url: '/api/v1/databases',
      headers: bearer(owner),
      payload: {
        name: 'x',
        engine: 'mysql',
        host: 'h',
        port: 3306,
        password: 'p',
        database: 'x',
        agentId,
      },
    });
    await first.close();
    rmSync(join(temp.dir, 'master.key'));

    await expect(buildApp(loadConfig(env), { logger: false })).rejects.toThrow(
      /master key file .*master\.key is missing but the metadata store holds sealed secrets: restore the file/,
    );
    expect(() => statSync(join(temp.dir, 'master.key'))).toThrow();

    const wrongKey = Buffer.alloc(32, 1).toString('base64');
    await expect(
      buildApp(loadConfig({ ...env, RAHATBACK_MASTER_KEY: wrongKey }), {
        logger: createLogger('silent'),
      }),
    ).rejects.toThrow(/master key does not open the secrets sealed in this metadata store/);
    temp.remove();
  });

  it('is never regenerated when only the SMTP password is sealed', async () => {
    const temp = makeTempDir();
    const env = { RAHATBACK_DATA_DIR: temp.dir, PORT: '0', RAHATBACK_EMBEDDED_AGENT: 'false' };
    const first = await buildApp(loadConfig(env), { logger: false });
    const admin = await registerAccount(first, 'admin@example.com');
    const saved = await first.inject({
      method: 'PUT',
      url: '/api/v1/settings/smtp',
      headers: bearer(admin),
      payload: {
        host: 'smtp.example.com',
        port: 587,
        secure: false,
        username: 'mailer',
        password: 'smtp-secret',
        from: 'backups@example.com',
      },
    });
    expect(saved.statusCode).toBe(200);
    await first.close();
    rmSync(join(temp.dir, 'master.key'));

    await expect(buildApp(loadConfig(env), { logger: false })).rejects.toThrow(
      /master key file .*master\.key is missing but the metadata store holds sealed secrets/,
    );
    temp.remove();
  });
});

describe('an internal failure', () => {
  it('answers 500 with a generic sentence and logs the cause', async () => {
    const t = await startTestApp();
    try {
      const owner = await registerAccount(t.app, 'tamper@example.com');
      const { agentId } = await enrollAgent(t.app, owner);
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/databases',
        headers: bearer(owner),
        payload: {
          name: 'x',
          engine: 'mysql',
          host: 'h',
          port: 3306,
          password: PASSWORD,
          database: 'x',
          agentId,
        },
      });
      const id = created.json<{ id: string }>().id;
      // A corrupted store: one character of the sealed value changed.
      const other = await t.app.container.store.db
        .selectFrom('databases')
        .select('sealed_password')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await t.app.container.store.db
        .updateTable('databases')
        .set({
          sealed_password: flipCharacter(other.sealed_password ?? '', 10),
        })
        .where('id', '=', id)
        .execute();
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/databases/${id}/test`,
        headers: bearer(owner),
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({
        code: 'INTERNAL',
        message:
          'something went wrong on the server: try again, and check the server log if it persists',
      });
      expect(t.logs()).toContain('request failed');
      expect(t.logs()).toContain(`databases:${id}:password cannot be opened`);
      expect(t.logs()).not.toContain(PASSWORD);
    } finally {
      await t.close();
    }
  });
});
