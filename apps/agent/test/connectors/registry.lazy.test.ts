import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

// Runs in its own process: the module cache of a test worker holds whatever earlier test files loaded.
const script = `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const cache = require('node:module')._cache;
const SDKS = /node_modules\\/(pg|mysql2|better-sqlite3|@aws-sdk\\/client-s3|ssh2-sftp-client)\\//;
const loaded = () => [...new Set(Object.keys(cache).map((k) => SDKS.exec(k)?.[1]).filter(Boolean))].sort();
const { createConnectors } = await import('./apps/agent/src/connectors/registry.ts');
const { createStorageDriver } = await import('./apps/agent/src/storage/registry.ts');
const connectors = createConnectors();
const drivers = [
  createStorageDriver({ config: { kind: 'local', path: '/nonexistent' }, secrets: {} }),
  createStorageDriver({ config: { kind: 's3', bucket: 'b', region: 'us-east-1', prefix: '', forcePathStyle: true }, secrets: {} }),
];
const atStart = loaded();
const test = await connectors.sqlite.testConnection({ engine: 'sqlite', host: '', port: 0, username: '', password: '', database: '/nonexistent/rb-lazy.db', options: {} });
console.log(JSON.stringify({ atStart, afterSqlite: loaded(), engines: Object.keys(connectors).sort(), kinds: drivers.map((d) => d.kind), ok: test.ok }));
`;

function runScript(): Promise<string> {
  const child = spawn(
    'node',
    ['--conditions=rahatback-source', '--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
  });
}

describe('the connector and storage registries', () => {
  it('load no database driver or storage SDK until an engine or destination is used, then only that one', async () => {
    const result = JSON.parse(await runScript()) as Record<string, unknown>;
    expect(result).toEqual({
      atStart: [],
      afterSqlite: ['better-sqlite3'],
      engines: ['mariadb', 'mysql', 'postgresql', 'sqlite'],
      kinds: ['local', 's3'],
      ok: false,
    });
  }, 60_000);
});
