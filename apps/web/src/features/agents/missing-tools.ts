import type { Agent, ClientTool, ClientToolName, Database } from '@rahatback/protocol';

/**
 * What an agent cannot do for one database because of its client tools. The rules mirror the
 * agent's connectors (apps/agent/src/connectors/*): PostgreSQL runs pg_dump, then pg_restore
 * (custom format) or psql (plain SQL) taken from the folder of the newest pg_dump; MySQL and
 * MariaDB run mariadb-dump or mysqldump, and mariadb or mysql, found on PATH; SQLite needs no
 * tool, the agent reads and writes the file in-process.
 */
export type ToolGap =
  /** No tool able to make a backup; `anyOf` lists the ones that would do. */
  | { kind: 'noBackupTool'; anyOf: ClientToolName[] }
  /** No tool able to load a backup back. */
  | { kind: 'noRestoreTool'; anyOf: ClientToolName[] }
  /** PostgreSQL: the restore tool is not in the folder of the pg_dump the agent would use. */
  | { kind: 'restoreToolNotBeside'; tool: 'pg_restore' | 'psql'; major: number }
  /** PostgreSQL: pg_dump refuses a server newer than itself. */
  | { kind: 'dumpTooOld'; toolMajor: number; serverMajor: number };

export interface ToolGapOptions {
  /** PostgreSQL's dump format decides the restore tool: custom → pg_restore, plain → psql. */
  dumpFormat?: 'custom' | 'plain' | undefined;
  /** The server's version as a connection test reports it ("PostgreSQL 16.4"), when known. */
  serverVersion?: string | undefined;
}

/** "15.20" → 15, "PostgreSQL 16.4" → 16, "9.6.24" → 9. */
export function majorOf(version: string): number | undefined {
  const match = /(\d+)(?:\.\d+)*/.exec(version);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

const has = (tools: ClientTool[], anyOf: ClientToolName[]) =>
  tools.some((tool) => anyOf.includes(tool.name));

function postgresGaps(tools: ClientTool[], options: ToolGapOptions): ToolGap[] {
  const restoreTool = options.dumpFormat === 'plain' ? 'psql' : 'pg_restore';
  const dumpMajors = tools
    .filter((tool) => tool.name === 'pg_dump')
    .map((tool) => majorOf(tool.version))
    .filter((major): major is number => major !== undefined);
  const newest = dumpMajors.length === 0 ? undefined : Math.max(...dumpMajors);
  if (newest === undefined) {
    const gaps: ToolGap[] = [{ kind: 'noBackupTool', anyOf: ['pg_dump'] }];
    if (!has(tools, [restoreTool])) gaps.push({ kind: 'noRestoreTool', anyOf: [restoreTool] });
    return gaps;
  }
  const gaps: ToolGap[] = [];
  const serverMajor =
    options.serverVersion === undefined ? undefined : majorOf(options.serverVersion);
  if (serverMajor !== undefined && newest < serverMajor)
    gaps.push({ kind: 'dumpTooOld', toolMajor: newest, serverMajor });
  const restoreMajors = tools
    .filter((tool) => tool.name === restoreTool)
    .map((tool) => majorOf(tool.version));
  if (restoreMajors.length === 0) gaps.push({ kind: 'noRestoreTool', anyOf: [restoreTool] });
  else if (!restoreMajors.includes(newest))
    gaps.push({ kind: 'restoreToolNotBeside', tool: restoreTool, major: newest });
  return gaps;
}

function mysqlGaps(tools: ClientTool[]): ToolGap[] {
  const gaps: ToolGap[] = [];
  // The connector prefers MariaDB's names and accepts MySQL's, for both engines.
  const dump: ClientToolName[] = ['mariadb-dump', 'mysqldump'];
  const client: ClientToolName[] = ['mariadb', 'mysql'];
  if (!has(tools, dump)) gaps.push({ kind: 'noBackupTool', anyOf: dump });
  if (!has(tools, client)) gaps.push({ kind: 'noRestoreTool', anyOf: client });
  return gaps;
}

/** The gaps that keep an agent with `tools` from backing up or restoring one database. */
export function toolGaps(
  engine: Database['engine'],
  tools: ClientTool[],
  options: ToolGapOptions = {},
): ToolGap[] {
  switch (engine) {
    case 'postgresql':
      return postgresGaps(tools, options);
    case 'mysql':
    case 'mariadb':
      return mysqlGaps(tools);
    case 'sqlite':
      return [];
  }
}

export interface DatabaseToolWarning {
  database: Database;
  gaps: ToolGap[];
}

/**
 * The gaps of one database on its agent; `serverVersion` once a connection test has named it.
 * An agent that has never connected has not reported its tools yet, so nothing is known missing.
 */
export function databaseToolGaps(
  agent: Agent,
  database: Database,
  serverVersion?: string,
): ToolGap[] {
  if (agent.lastSeenAt === null) return [];
  return toolGaps(database.engine, agent.tools, {
    dumpFormat: database.options.dumpFormat,
    serverVersion,
  });
}

/** The databases `agent` serves that lack a tool, each with its gaps. */
export function toolWarnings(agent: Agent, databases: Database[]): DatabaseToolWarning[] {
  return databases
    .filter((database) => database.agentId === agent.id)
    .map((database) => ({ database, gaps: databaseToolGaps(agent, database) }))
    .filter((warning) => warning.gaps.length > 0);
}
