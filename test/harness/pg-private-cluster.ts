import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../services.js';

const run = promisify(execFile);
const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface PrivateCluster {
  port: number;
  /** The superuser "postgres" has this password; scram-sha-256 is enforced over TCP. */
  password: string;
  stop(): Promise<void>;
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['postgres']);
  const uid = /uid=(\d+)/.exec(stdout)?.[1];
  const gid = /gid=(\d+)/.exec(stdout)?.[1];
  return { uid: Number(uid), gid: Number(gid) };
}

const asPostgres = (command: string, args: string[]) =>
  run('runuser', ['-u', 'postgres', '--', command, ...args]);

/**
 * Starts a throwaway PostgreSQL cluster on a spare port that, unlike the shared server,
 * checks passwords (scram-sha-256) and, with `sslOnly`, accepts TLS connections only.
 */
export async function startPrivateCluster(
  options: { sslOnly?: boolean } = {},
): Promise<PrivateCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'rb-pgcluster-'));
  const { uid, gid } = await postgresIds();
  await chown(dir, uid, gid);
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const pwfile = join(dir, 'pwfile');
  await writeFile(pwfile, password);
  await chown(pwfile, uid, gid);
  const data = join(dir, 'data');
  await asPostgres(`${PG_BIN}/initdb`, [
    '-D',
    data,
    '-U',
    'postgres',
    `--pwfile=${pwfile}`,
    '--auth-host=scram-sha-256',
    '--auth-local=trust',
    '--no-sync',
  ]);
  if (options.sslOnly === true) await enableSslOnly(data, uid, gid);
  const port = await freePort();
  await asPostgres(`${PG_BIN}/pg_ctl`, [
    '-D',
    data,
    '-w',
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  return {
    port,
    password,
    stop: async () => {
      await asPostgres(`${PG_BIN}/pg_ctl`, ['-D', data, '-m', 'immediate', 'stop']).catch(
        () => undefined,
      );
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function enableSslOnly(data: string, uid: number, gid: number): Promise<void> {
  const key = join(data, 'server.key');
  const crt = join(data, 'server.crt');
  await run('openssl', [
    'req',
    '-new',
    '-x509',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-keyout',
    key,
    '-out',
    crt,
  ]);
  await chmod(key, 0o600);
  await chown(key, uid, gid);
  await chown(crt, uid, gid);
  await writeFile(join(data, 'postgresql.auto.conf'), 'ssl = on\n', { flag: 'a' });
  await writeFile(
    join(data, 'pg_hba.conf'),
    'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n',
  );
}
