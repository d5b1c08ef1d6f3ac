import type { DatabaseConnection } from '@rahatback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConnector } from '../../src/connectors/registry.js';
import { closedPort } from '../fixtures/free-port.js';
import { createMysqlUser } from '../fixtures/mysql-admin.js';
import { startSilentServer } from '../fixtures/silent-server.js';

const mariadb = getConnector('mariadb');
const PASSWORD = 'Canary-Maria-9d2e41';

const local = (overrides: Partial<DatabaseConnection> = {}): DatabaseConnection => ({
  engine: 'mariadb',
  host: '127.0.0.1',
  port: 3306,
  username: 'root',
  password: '',
  database: 'mysql',
  options: {},
  ...overrides,
});

describe('MariaDB connection test', () => {
  let user: Awaited<ReturnType<typeof createMysqlUser>>;
  beforeAll(async () => {
    user = await createMysqlUser(PASSWORD);
  });
  afterAll(async () => {
    await user.drop();
  });

  it('answers with the server version', async () => {
    const result = await mariadb.testConnection(local({ username: user.user, password: PASSWORD }));
    expect(result.ok && result.serverVersion).toMatch(/^MariaDB \d+\.\d+\.\d+$/);
  });

  it('says the password is wrong without repeating it', async () => {
    const wrong = `${PASSWORD}-wrong`;
    const result = await mariadb.testConnection(local({ username: user.user, password: wrong }));
    expect(result).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
    if (!result.ok) {
      expect(result.message).toContain(`user "${user.user}"`);
      expect(result.message).toContain('check the username and password');
      expect(result.message).not.toContain(PASSWORD);
    }
  });

  it('names a missing database', async () => {
    const result = await mariadb.testConnection(local({ database: 'rb_no_such_db_x2' }));
    expect(result).toEqual({
      ok: false,
      code: 'DATABASE_NOT_FOUND',
      message:
        'database "rb_no_such_db_x2" does not exist on this server: check the name or create it',
    });
  });

  it('reports a closed port as unreachable', async () => {
    const port = await closedPort();
    const result = await mariadb.testConnection(local({ port }));
    expect(result).toEqual({
      ok: false,
      code: 'HOST_UNREACHABLE',
      message: `MariaDB at 127.0.0.1:${port} refused the connection: check the host and port, and that the server accepts TCP connections`,
    });
  });

  it('gives up on a server that never answers after the connect timeout', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const result = await mariadb.testConnection(
        local({ port: silent.port, options: { connectTimeoutSeconds: 1 } }),
      );
      expect(result).toMatchObject({ ok: false, code: 'HOST_UNREACHABLE' });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await silent.close();
    }
  });

  it('serves the mysql engine too, naming it MySQL in messages', async () => {
    const port = await closedPort();
    const result = await getConnector('mysql').testConnection(local({ engine: 'mysql', port }));
    expect(result).toMatchObject({ ok: false, code: 'HOST_UNREACHABLE' });
    if (!result.ok) expect(result.message).toMatch(/^MySQL at /);
  });
});
