import type { Agent, ClientTool, ClientToolName, Database } from '@rahatback/protocol';

/** An agent as GET /agents lists it: by default a connected remote one with no client tools. */
export function agentFixture(patch: Partial<Agent> = {}): Agent {
  return {
    id: 'a1',
    name: 'office',
    online: true,
    lastSeenAt: '2026-11-27T09:00:00.000Z',
    hostname: 'db-host',
    agentVersion: '0.1.0',
    tools: [],
    isEmbedded: false,
    createdAt: '2026-11-27T08:00:00.000Z',
    ...patch,
  };
}

/** A database as GET /databases lists it, named and identified by `name`, on agent a1. */
export function databaseFixture(
  name: string,
  engine: Database['engine'],
  patch: Partial<Database> = {},
): Database {
  return {
    id: name,
    name,
    engine,
    host: '127.0.0.1',
    port: 5432,
    username: 'u',
    database: 'd',
    agentId: 'a1',
    options: {},
    hasPassword: false,
    lastBackup: null,
    createdAt: '2026-11-27T08:00:00.000Z',
    updatedAt: '2026-11-27T08:00:00.000Z',
    ...patch,
  };
}

/** A client tool an agent reports, found in /usr/bin. */
export const clientTool = (name: ClientToolName, version: string): ClientTool => ({
  name,
  version,
  path: `/usr/bin/${name}`,
});
