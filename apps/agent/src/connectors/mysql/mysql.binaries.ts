import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError } from '../engine-error.js';
import { cachedToolVersion, pathDirs } from '../tool-version.js';

export type MysqlToolRole = 'dump' | 'client';

/** Preferred first: MariaDB's own names, then MySQL's (on MariaDB hosts often symlinks). */
const NAMES: Record<MysqlToolRole, string[]> = {
  dump: ['mariadb-dump', 'mysqldump'],
  client: ['mariadb', 'mysql'],
};

export interface MysqlTool {
  path: string;
  /** e.g. "mariadb-dump  Ver 10.19 Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)". */
  version: string;
  /** MariaDB's and MySQL's tools spell their TLS options differently. */
  isMariadb: boolean;
}

async function firstOnPath(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of pathDirs(searchPath)) {
    const path = join(dir, name);
    const isRunnable = await access(path, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (isRunnable) return path;
  }
  return undefined;
}

/** The dump tool or the command-line client found on PATH, MariaDB's names first. */
export async function findMysqlTool(role: MysqlToolRole, searchPath: string): Promise<MysqlTool> {
  for (const name of NAMES[role]) {
    const path = await firstOnPath(name, searchPath);
    const version = path === undefined ? undefined : await cachedToolVersion(path);
    if (path !== undefined && version !== undefined)
      return { path, version, isMariadb: /mariadb/i.test(version) };
  }
  const names = NAMES[role].join(' or ');
  throw new EngineError(
    'CLIENT_TOOL_MISSING',
    `neither ${names} was found on the agent's host: install mariadb-client (or mysql-client)`,
  );
}
