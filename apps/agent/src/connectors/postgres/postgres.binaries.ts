import { access, constants, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseConnection } from '@rahatback/protocol';
import { EngineError } from '../engine-error.js';
import { assertSafeDatabaseName } from '../safe-name.js';
import { serverVersionOf, withPostgres } from './postgres.client.js';
import { POSTGRES_LABEL } from './postgres.errors.js';
import type { ToolEnvironment } from '../child-process.js';
import { cachedToolVersion, pathDirs } from '../tool-version.js';

/** Debian and Ubuntu install one folder per client major version here. */
const VERSIONED_ROOT = '/usr/lib/postgresql';

export type PostgresTool = 'pg_dump' | 'pg_restore' | 'psql';

export interface PostgresBinaries {
  dir: string;
  major: number;
  /** e.g. "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)". */
  version: string;
  path(tool: PostgresTool): string;
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** Where to look for the tools and how to start them. */
export interface PostgresToolOptions {
  /** A folder holding pg_dump, pg_restore and psql; when set, the only place searched. */
  pgBinDir?: string | undefined;
  tools: ToolEnvironment;
}

async function candidateDirs(pgBinDir: string | undefined, searchPath: string): Promise<string[]> {
  // An explicit folder is a decision of the agent's owner: nothing else is considered.
  if (pgBinDir !== undefined) return [pgBinDir];
  const versioned = await readdir(VERSIONED_ROOT).catch(() => [] as string[]);
  return [...versioned.map((v) => join(VERSIONED_ROOT, v, 'bin')), ...pathDirs(searchPath)];
}

/** "pg_dump (PostgreSQL) 15.20 …" → 15; "… 9.6.24" → 9. */
export function majorOf(version: string): number | undefined {
  const match = /\)\s+(\d+)(?:\.(\d+))?/.exec(version);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Debian's /usr/bin/pg_dump is postgresql-common's dispatcher to the versioned folders,
 * which are already candidates; asking it its version would only repeat one of theirs.
 */
const DEBIAN_WRAPPER = /\/postgresql-common\/pg_wrapper$/;

/** Every folder that holds a runnable pg_dump, with its version, newest first. */
export async function findPostgresBinaries(
  pgBinDir: string | undefined,
  searchPath: string,
): Promise<PostgresBinaries[]> {
  const found = new Map<string, PostgresBinaries>();
  const seen = new Set<string>();
  for (const dir of await candidateDirs(pgBinDir, searchPath)) {
    const pgDump = join(dir, 'pg_dump');
    if (!(await isExecutable(pgDump))) continue;
    const real = await realpath(pgDump);
    if (seen.has(real) || (pgBinDir === undefined && DEBIAN_WRAPPER.test(real))) continue;
    seen.add(real);
    const version = await cachedToolVersion(pgDump);
    const major = version === undefined ? undefined : majorOf(version);
    if (version === undefined || major === undefined) continue;
    found.set(dir, { dir, major, version, path: (tool) => join(dir, tool) });
  }
  return [...found.values()].sort((a, b) => b.major - a.major);
}

/**
 * The newest client tools able to talk to a server of `serverMajor`: pg_dump refuses a
 * newer server, and pg_restore cannot read archives of a newer pg_dump.
 */
export async function pickPostgresBinaries(
  serverMajor: number,
  options: PostgresToolOptions,
  tool: PostgresTool,
): Promise<PostgresBinaries> {
  const { pgBinDir } = options;
  const all = await findPostgresBinaries(pgBinDir, options.tools.searchPath);
  const where = pgBinDir === undefined ? "on the agent's host" : `in ${pgBinDir}`;
  const newest = all[0];
  if (newest === undefined)
    throw new EngineError(
      'CLIENT_TOOL_MISSING',
      `${tool} was not found ${where}: install postgresql-client-${serverMajor} on the agent's host or set PG_BIN_DIR`,
    );
  if (newest.major < serverMajor)
    throw new EngineError(
      'CLIENT_TOOL_TOO_OLD',
      `${tool} ${newest.major} cannot ${tool === 'pg_dump' ? 'dump' : 'restore into'} a PostgreSQL ${serverMajor} server; install postgresql-client-${serverMajor} on the agent's host or set PG_BIN_DIR`,
    );
  if (!(await isExecutable(newest.path(tool))))
    throw new EngineError(
      'CLIENT_TOOL_MISSING',
      `${tool} is missing from ${newest.dir}: install the complete postgresql-client-${newest.major} package`,
    );
  return newest;
}

interface ServerInfo {
  version: string;
  major: number;
}

async function serverInfo(conn: DatabaseConnection): Promise<ServerInfo> {
  return withPostgres(conn, async (client) => {
    const num = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    const major = Math.floor(Number(num.rows[0]?.server_version_num ?? 0) / 10000);
    return { version: await serverVersionOf(client), major };
  });
}

/**
 * Checks the name, asks the server its version, and picks the tool that can serve it:
 * every failure is named before any tool runs.
 */
export async function prepareTool(
  conn: DatabaseConnection,
  options: PostgresToolOptions,
  tool: PostgresTool,
): Promise<{ server: ServerInfo; binaries: PostgresBinaries }> {
  assertSafeDatabaseName(conn.database, POSTGRES_LABEL);
  const server = await serverInfo(conn);
  const binaries = await pickPostgresBinaries(server.major, options, tool);
  return { server, binaries };
}
