import type { Agent } from '@rahatback/protocol';
import { DatabaseInput } from '@rahatback/protocol';
import { describe, expect, it } from 'vitest';
import {
  defaultAgentId,
  describeServerVersion,
  emptyFormValues,
  toDatabaseBody,
  withEngine,
} from './database-form-values.js';

const agent = (id: string, online: boolean): Agent => ({
  id,
  name: id,
  online,
  lastSeenAt: null,
  hostname: null,
  agentVersion: null,
  tools: [],
  isEmbedded: false,
  createdAt: '2026-01-01T00:00:00Z',
});

describe('database form', () => {
  it('picks the first online agent, else the first agent, else none', () => {
    expect(defaultAgentId([agent('a', false), agent('b', true)])).toBe('b');
    expect(defaultAgentId([agent('a', false)])).toBe('a');
    expect(defaultAgentId([])).toBe('');
  });

  it('moves the default port with the engine but keeps a port the user typed', () => {
    const postgres = emptyFormValues([]);
    expect(postgres.port).toBe(5432);
    expect(withEngine(postgres, 'mariadb').port).toBe(3306);
    expect(withEngine(withEngine(postgres, 'mysql'), 'postgresql').port).toBe(5432);
    expect(withEngine({ ...postgres, port: 6543 }, 'mysql').port).toBe(6543);
    expect(withEngine(postgres, 'sqlite').port).toBe('');
  });

  it('sends SQLite without host, port or credentials, and passes the protocol schema', () => {
    const values = {
      ...withEngine(emptyFormValues([agent('a', true)]), 'sqlite'),
      name: 'app',
      host: 'left-over',
      password: 'left-over',
      database: '/var/lib/app.db',
    };
    const body = toDatabaseBody(values);
    expect(body).toMatchObject({ host: '', port: null, username: '' });
    expect(body).not.toHaveProperty('password');
    expect(DatabaseInput.safeParse(body).success).toBe(true);
  });

  it('leaves an empty password out so that editing keeps the saved one', () => {
    const body = toDatabaseBody({ ...emptyFormValues([]), password: '' });
    expect(body).not.toHaveProperty('password');
  });

  it('names the product and version whatever form the agent reported', () => {
    expect(describeServerVersion('postgresql', '15.19')).toBe('PostgreSQL 15.19');
    expect(
      describeServerVersion('postgresql', 'PostgreSQL 15.19 (Debian 15.19-0+deb12u1) on x86_64'),
    ).toBe('PostgreSQL 15.19');
    expect(describeServerVersion('mariadb', '10.11.6-MariaDB-0+deb12u1')).toBe('MariaDB 10.11.6');
    expect(describeServerVersion('mysql', '10.11.6-MariaDB')).toBe('MariaDB 10.11.6');
    expect(describeServerVersion('sqlite', '3.40.1')).toBe('SQLite 3.40.1');
  });
});
