import { describe, expect, it } from 'vitest';
import { dedupeTools, type FoundTool } from './dedupe.js';

const found = (
  name: FoundTool['tool']['name'],
  version: string,
  path: string,
  realPath = path,
) => ({
  tool: { name, version, path },
  realPath,
});

describe('dedupeTools', () => {
  it('reports pg_dump once when /usr/bin holds a copy of the versioned one, keeping the versioned path', () => {
    const tools = dedupeTools([
      found('pg_dump', '15.20', '/usr/bin/pg_dump'),
      found('pg_dump', '15.20', '/usr/lib/postgresql/15/bin/pg_dump'),
    ]);
    expect(tools).toEqual([
      { name: 'pg_dump', version: '15.20', path: '/usr/lib/postgresql/15/bin/pg_dump' },
    ]);
  });

  it('reports a tool reached through a symlink once, under its most specific path', () => {
    const real = '/usr/lib/postgresql/16/bin/psql';
    const tools = dedupeTools([
      found('psql', '16.4', '/usr/bin/psql', real),
      found('psql', '16.4', real),
    ]);
    expect(tools.map((t) => t.path)).toEqual([real]);
  });

  it('keeps different versions of the same tool and different tools of the same version', () => {
    const tools = dedupeTools([
      found('pg_dump', '16.4', '/usr/lib/postgresql/16/bin/pg_dump'),
      found('pg_dump', '15.20', '/usr/lib/postgresql/15/bin/pg_dump'),
      found('mysqldump', '10.11.19-MariaDB', '/usr/bin/mysqldump', '/usr/bin/mariadb-dump'),
      found('mariadb-dump', '10.11.19-MariaDB', '/usr/bin/mariadb-dump'),
    ]);
    expect(tools.map((t) => `${t.name} ${t.version}`)).toEqual([
      'pg_dump 16.4',
      'pg_dump 15.20',
      'mysqldump 10.11.19-MariaDB',
      'mariadb-dump 10.11.19-MariaDB',
    ]);
  });

  it('keeps the first of two equally specific paths (the earlier PATH folder)', () => {
    const tools = dedupeTools([
      found('sqlite3', '3.40.1', '/usr/bin/sqlite3'),
      found('sqlite3', '3.40.1', '/bin/sqlite3', '/usr/bin/sqlite3'),
    ]);
    expect(tools.map((t) => t.path)).toEqual(['/usr/bin/sqlite3']);
  });
});
