import { execFile } from 'node:child_process';
import { access, constants, readdir, realpath } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { ClientTool, ClientToolName } from '@rahatback/protocol';
import { dedupeTools, type FoundTool } from './dedupe.js';
import { parseToolVersion } from './parse-version.js';

const execFileAsync = promisify(execFile);

const POSTGRES_TOOLS = ['pg_dump', 'pg_restore', 'psql'] as const satisfies ClientToolName[];
const OTHER_TOOLS = [
  'mysqldump',
  'mysql',
  'mariadb-dump',
  'mariadb',
  'sqlite3',
] as const satisfies ClientToolName[];

const VERSION_TIMEOUT_MS = 3000;
const MAX_TOOLS = 50;

export interface DiscoverOptions {
  /** Looked at first for PostgreSQL clients (the agent's PG_BIN_DIR or its config's pgBinDir). */
  pgBinDir?: string | undefined;
  /** The PATH to search (the agent's settings carry the process's). */
  searchPath: string;
  /** Where Debian installs one folder per PostgreSQL major version. */
  postgresRoot?: string;
}

/**
 * Finds the database client programs on this host and asks each its version. PostgreSQL
 * clients are listed once per installed major version, because the connector must pick one
 * at least as new as the server it dumps. A program that does not answer within a few seconds
 * is left out rather than reported with a guessed version.
 */
export async function discoverClientTools(options: DiscoverOptions): Promise<ClientTool[]> {
  const candidates = await listCandidates(options);
  const resolved = await Promise.all(
    candidates.map(async (c) => ({
      ...c,
      realPath: await realpath(c.path).catch(() => undefined),
    })),
  );
  // Debian's pg_wrapper only dispatches to one of the versioned binaries already listed.
  const runnable = resolved.filter(
    (c): c is typeof c & { realPath: string } =>
      c.realPath !== undefined && !c.realPath.endsWith('/pg_wrapper'),
  );
  // A file reached through several paths is asked its version once.
  const byFile = new Map<string, Promise<ClientTool | undefined>>();
  const found = await Promise.all(
    runnable.map(async (c) => {
      const fileKey = `${c.name}\0${c.realPath}`;
      if (!byFile.has(fileKey)) byFile.set(fileKey, probe(c.name, c.path));
      const tool = await byFile.get(fileKey);
      return tool === undefined
        ? undefined
        : { tool: { ...tool, path: c.path }, realPath: c.realPath };
    }),
  );
  const tools = dedupeTools(found.filter((f): f is FoundTool => f !== undefined));
  // The handshake carries at most 50 tools; the newest PostgreSQL versions come first.
  return tools.slice(0, MAX_TOOLS);
}

async function listCandidates(
  options: DiscoverOptions,
): Promise<{ name: ClientToolName; path: string }[]> {
  const pathDirs = options.searchPath.split(delimiter).filter((dir) => dir !== '');
  const postgresDirs = [
    ...(options.pgBinDir === undefined ? [] : [options.pgBinDir]),
    ...(await versionedPostgresDirs(options.postgresRoot ?? '/usr/lib/postgresql')),
    ...pathDirs,
  ];
  const candidates: { name: ClientToolName; path: string }[] = [];
  for (const dir of postgresDirs)
    for (const name of POSTGRES_TOOLS) candidates.push({ name, path: join(dir, name) });
  for (const dir of pathDirs)
    for (const name of OTHER_TOOLS) candidates.push({ name, path: join(dir, name) });
  const executable = await Promise.all(candidates.map((c) => isExecutable(c.path)));
  return candidates.filter((_, index) => executable[index] === true);
}

async function versionedPostgresDirs(root: string): Promise<string[]> {
  const entries = await readdir(root).catch(() => [] as string[]);
  return entries
    .filter((entry) => /^\d+$/.test(entry))
    .sort((a, b) => Number(b) - Number(a))
    .map((entry) => join(root, entry, 'bin'));
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function probe(name: ClientToolName, path: string): Promise<ClientTool | undefined> {
  try {
    const { stdout, stderr } = await execFileAsync(path, ['--version'], {
      timeout: VERSION_TIMEOUT_MS,
      windowsHide: true,
    });
    const version = parseToolVersion(`${stdout}\n${stderr}`);
    return version === undefined ? undefined : { name, version, path };
  } catch {
    return undefined;
  }
}
