import type { Database } from '@rahatback/protocol';
import { describe, expect, it } from 'vitest';
import { agentFixture, clientTool, databaseFixture } from '../../test/fixtures.js';
import { databaseToolGaps, majorOf, toolGaps, toolWarnings } from './missing-tools.js';

const tool = clientTool;
const postgres15 = [tool('pg_dump', '15.20'), tool('pg_restore', '15.20'), tool('psql', '15.20')];
const mariadb = [tool('mariadb-dump', '10.11.19-MariaDB'), tool('mariadb', '10.11.19-MariaDB')];

describe('the client tools a database needs on its agent', () => {
  it('reads the major version of tool and server versions', () => {
    expect(majorOf('15.20')).toBe(15);
    expect(majorOf('PostgreSQL 16.4')).toBe(16);
    expect(majorOf('9.6.24')).toBe(9);
    expect(majorOf('unknown')).toBeUndefined();
  });

  it('asks nothing more of an agent with pg_dump, pg_restore and psql for PostgreSQL', () => {
    expect(toolGaps('postgresql', postgres15)).toEqual([]);
    expect(toolGaps('postgresql', postgres15, { dumpFormat: 'plain' })).toEqual([]);
  });

  it('names pg_dump and pg_restore when PostgreSQL has no client tools at all', () => {
    expect(toolGaps('postgresql', mariadb)).toEqual([
      { kind: 'noBackupTool', anyOf: ['pg_dump'] },
      { kind: 'noRestoreTool', anyOf: ['pg_restore'] },
    ]);
  });

  it('needs psql rather than pg_restore to restore plain SQL dumps', () => {
    const noPsql = [tool('pg_dump', '15.20'), tool('pg_restore', '15.20')];
    expect(toolGaps('postgresql', noPsql)).toEqual([]);
    expect(toolGaps('postgresql', noPsql, { dumpFormat: 'plain' })).toEqual([
      { kind: 'noRestoreTool', anyOf: ['psql'] },
    ]);
  });

  it('wants pg_restore of the same major version as the newest pg_dump, as the agent uses that folder', () => {
    const mixed = [...postgres15, tool('pg_dump', '17.2')];
    expect(toolGaps('postgresql', mixed)).toEqual([
      { kind: 'restoreToolNotBeside', tool: 'pg_restore', major: 17 },
    ]);
  });

  it('warns that pg_dump is older than the server once the server version is known', () => {
    expect(toolGaps('postgresql', postgres15, { serverVersion: 'PostgreSQL 16.4' })).toEqual([
      { kind: 'dumpTooOld', toolMajor: 15, serverMajor: 16 },
    ]);
    expect(toolGaps('postgresql', postgres15, { serverVersion: 'PostgreSQL 15.19' })).toEqual([]);
  });

  it.each(['mysql', 'mariadb'] as const)(
    'accepts either MariaDB or MySQL tool names for %s',
    (engine) => {
      expect(toolGaps(engine, mariadb)).toEqual([]);
      expect(toolGaps(engine, [tool('mysqldump', '8.0.36'), tool('mysql', '8.0.36')])).toEqual([]);
      expect(toolGaps(engine, [tool('mysqldump', '8.0.36'), tool('mariadb', '10.11')])).toEqual([]);
    },
  );

  it.each(['mysql', 'mariadb'] as const)(
    'names the dump tool and the client missing for %s',
    (engine) => {
      expect(toolGaps(engine, postgres15)).toEqual([
        { kind: 'noBackupTool', anyOf: ['mariadb-dump', 'mysqldump'] },
        { kind: 'noRestoreTool', anyOf: ['mariadb', 'mysql'] },
      ]);
      expect(toolGaps(engine, [tool('mysqldump', '8.0.36')])).toEqual([
        { kind: 'noRestoreTool', anyOf: ['mariadb', 'mysql'] },
      ]);
    },
  );

  it('needs no tool for SQLite, which the agent reads in-process', () => {
    expect(toolGaps('sqlite', [])).toEqual([]);
  });
});

describe("an agent's tool warnings", () => {
  const agent = agentFixture({ tools: postgres15 });
  const database = (id: string, engine: Database['engine'], agentId = 'a1') =>
    databaseFixture(id, engine, { agentId });

  it('lists only the databases it serves that lack a tool', () => {
    const warnings = toolWarnings(agent, [
      database('shop', 'postgresql'),
      database('blog', 'mariadb'),
      database('files', 'sqlite'),
      database('elsewhere', 'mysql', 'a2'),
    ]);
    expect(warnings.map((w) => w.database.name)).toEqual(['blog']);
  });

  it("reads the database's dump format, and the server version a connection test gave", () => {
    const plain = { ...database('shop', 'postgresql'), options: { dumpFormat: 'plain' as const } };
    const noPsql = { ...agent, tools: postgres15.filter((tool) => tool.name !== 'psql') };
    expect(databaseToolGaps(noPsql, plain)).toEqual([{ kind: 'noRestoreTool', anyOf: ['psql'] }]);
    expect(databaseToolGaps(agent, database('shop', 'postgresql'), 'PostgreSQL 17.2')).toEqual([
      { kind: 'dumpTooOld', toolMajor: 15, serverMajor: 17 },
    ]);
  });

  it('warns of nothing before the agent has connected and reported its tools', () => {
    const fresh = { ...agent, lastSeenAt: null, tools: [] };
    expect(toolWarnings(fresh, [database('shop', 'postgresql')])).toEqual([]);
  });
});
