import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolEnvironment } from '../../src/config.js';
import { getConnector } from '../../src/connectors/registry.js';
import {
  createEmptyPgDatabase,
  createPgFixtureDatabase,
  fingerprintPg,
  type PgTestDatabase,
} from '../fixtures/pg-fixture.js';
import { dumpInto } from '../fixtures/stream-round-trip.js';

describe("the client tools' environment", () => {
  const databases: PgTestDatabase[] = [];

  beforeAll(async () => {
    databases.push(await createPgFixtureDatabase(), await createEmptyPgDatabase('rb_toolenv'));
  });
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });

  it('ignores PG* variables of the agent that would make pg_dump and pg_restore fail or go elsewhere', async () => {
    const [source, target] = databases as [PgTestDatabase, PgTestDatabase];
    const tools = toolEnvironment({
      ...process.env,
      PGOPTIONS: '-c default_transaction_read_only=on',
      PGSERVICE: 'no-such-service',
      PGSSLMODE: 'require',
    });
    const postgres = getConnector('postgresql', { tools });
    await dumpInto(postgres, source.connection, target.connection);
    expect(await fingerprintPg(target.name)).toEqual(await fingerprintPg(source.name));
  });

  it('finds no client tool when the search path given to the connector holds none', async () => {
    const mariadb = getConnector('mariadb', { tools: { searchPath: '/nonexistent', baseEnv: {} } });
    const server = {
      engine: 'mariadb' as const,
      host: '127.0.0.1',
      port: 3306,
      username: 'root',
      password: '',
      database: 'mysql',
      options: {},
    };
    const dump = mariadb.dump(server, { signal: new AbortController().signal });
    await expect(dump).rejects.toMatchObject({ code: 'CLIENT_TOOL_MISSING' });
  });
});
