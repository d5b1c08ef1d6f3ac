import { describe, expect, it } from 'vitest';
import { discoverClientTools } from './discover.js';

describe('discoverClientTools', () => {
  it('finds the PostgreSQL, MariaDB and SQLite clients installed on this host with their versions', async () => {
    const tools = await discoverClientTools({ searchPath: process.env.PATH ?? '' });
    const byName = (name: string) => tools.filter((t) => t.name === name);
    expect(byName('pg_dump').some((t) => /^\d+\.\d+/.test(t.version))).toBe(true);
    expect(byName('pg_dump').some((t) => t.path.startsWith('/usr/lib/postgresql/'))).toBe(true);
    expect(byName('psql').length).toBeGreaterThan(0);
    expect(byName('mariadb-dump')[0]?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(byName('sqlite3')[0]?.version).toMatch(/^3\./);
    expect(tools.some((t) => t.path === '/usr/bin/pg_dump')).toBe(false);
  });

  it('finds nothing on an empty PATH with no PostgreSQL folder', async () => {
    const tools = await discoverClientTools({ searchPath: '', postgresRoot: '/nonexistent' });
    expect(tools).toEqual([]);
  });
});
