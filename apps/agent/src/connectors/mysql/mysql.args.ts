import type { DatabaseConnection } from '@rahatback/protocol';
import type { MysqlTool } from './mysql.binaries.js';
import { MYSQL_DEFAULT_PORT } from './mysql.errors.js';

function tlsArgs(conn: DatabaseConnection, tool: MysqlTool): string[] {
  const mode = conn.options.sslMode;
  if (!tool.isMariadb) {
    const mysqlModes = {
      disable: 'DISABLED',
      prefer: 'PREFERRED',
      require: 'REQUIRED',
      'verify-full': 'VERIFY_IDENTITY',
    } as const;
    return [`--ssl-mode=${mysqlModes[mode ?? 'prefer']}`];
  }
  switch (mode) {
    case 'disable':
      return ['--skip-ssl'];
    case 'require':
      return ['--ssl'];
    case 'verify-full':
      return ['--ssl', '--ssl-verify-server-cert'];
    case 'prefer':
    case undefined:
      return [];
  }
}

/**
 * Options every tool call shares. `--no-defaults` keeps a my.cnf on the agent's host from
 * changing the target; the password is not here: it travels as MYSQL_PWD. The server was
 * reached through mysql2 just before, so no connect timeout is passed (mysqldump has none).
 */
export function connectionArgs(conn: DatabaseConnection, tool: MysqlTool): string[] {
  return [
    '--no-defaults',
    '--protocol=TCP',
    `--host=${conn.host}`,
    `--port=${conn.port ?? MYSQL_DEFAULT_PORT}`,
    ...(conn.username === '' ? [] : [`--user=${conn.username}`]),
    '--default-character-set=utf8mb4',
    // The clients' default (16 MB) would refuse a row with a larger blob; the server's own limit still applies.
    '--max-allowed-packet=1G',
    ...tlsArgs(conn, tool),
  ];
}

export function mysqlEnv(conn: DatabaseConnection): Record<string, string> {
  return conn.password === '' ? {} : { MYSQL_PWD: conn.password };
}
