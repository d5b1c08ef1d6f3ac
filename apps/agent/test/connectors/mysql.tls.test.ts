import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConnector } from '../../src/connectors/registry.js';
import { mysqlConnection } from '../fixtures/mysql-fixture.js';
import { startTlsOnlyMariadb, type PrivateMariadb } from '../fixtures/mysql-private-server.js';
import { drain } from '../fixtures/stream-round-trip.js';

const mariadb = getConnector('mariadb');

describe('MariaDB that accepts encrypted connections only', () => {
  let server: PrivateMariadb;
  beforeAll(async () => {
    server = await startTlsOnlyMariadb();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('says TLS is required, not that the password is wrong, when SSL is disabled', async () => {
    const result = await mariadb.testConnection(
      mysqlConnection('mysql', { port: server.port, options: { sslMode: 'disable' } }),
    );
    expect(result).toEqual({
      ok: false,
      code: 'TLS_REQUIRED',
      message: `MariaDB at 127.0.0.1:${server.port} accepts user "root" only over an encrypted connection: set the SSL mode to "require" (or "verify-full")`,
    });
  });

  it('still says a wrong password is wrong', async () => {
    const result = await mariadb.testConnection(
      mysqlConnection('mysql', {
        port: server.port,
        password: 'nope',
        options: { sslMode: 'disable' },
      }),
    );
    expect(result).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
  });

  it('connects and dumps over TLS with SSL mode require', async () => {
    const conn = mysqlConnection('mysql', { port: server.port, options: { sslMode: 'require' } });
    expect((await mariadb.testConnection(conn)).ok).toBe(true);
    const dump = await mariadb.dump(conn, { signal: new AbortController().signal });
    const [sql] = await Promise.all([drain(dump.stream), dump.done]);
    expect(sql.toString()).toContain('CREATE TABLE');
  });
});
