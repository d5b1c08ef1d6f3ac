// `npm run bench`: the agent's backup and restore against the raw PostgreSQL tools, side by
// side on the same data in one session. Prints a table (stdout) and progress (stderr).
//   RB_BENCH_MB       size of the generated realistic database's dump, in MB (default 1024)
//   RB_BENCH_REPEAT   runs per figure; the median is kept (default 3)
//   RB_BENCH_FRESH=1  recreate the databases even if a previous run left them
//   RB_BENCH_SKIP_S3=1  skip the S3 figures (radosgw takes ~15 s to start)
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAgent } from './lib/build-agent.mjs';
import {
  drop,
  ensurePgbench,
  ensureRealistic,
  pgBin,
  psql,
  recreate,
  sizeOf,
} from './lib/databases.mjs';
import { measure, medianOf, shell } from './lib/measure.mjs';
import { startS3 } from './lib/s3.mjs';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const MB = Number(process.env.RB_BENCH_MB ?? 1024);
const REPEAT = Number(process.env.RB_BENCH_REPEAT ?? 3);
const FRESH = process.env.RB_BENCH_FRESH === '1';
const log = (line) => process.stderr.write(`${line}\n`);
const PG = '-h 127.0.0.1 -p 5432 -U postgres';
const url = (db) => `postgresql://postgres@127.0.0.1:5432/${db}`;

async function main() {
  const bin = pgBin();
  const work = await mkdtemp(join(tmpdir(), 'rb-bench-'));
  const agentTmp = join(work, 'agent-tmp');
  await mkdir(agentTmp);
  const passphraseFile = join(work, 'passphrase');
  await writeFile(passphraseFile, 'benchmark passphrase\n', { mode: 0o600 });
  log('building the agent bundle…');
  const agent = await buildAgent(repoRoot);
  const databases = [
    {
      label: 'pgbench scale 50',
      name: 'rb_bench_pgbench',
      make: () => ensurePgbench('rb_bench_pgbench', 50, FRESH),
    },
    {
      label: `realistic ${MB} MB`,
      name: `rb_bench_real_${MB}`,
      make: () => ensureRealistic(`rb_bench_real_${MB}`, MB, FRESH, log),
    },
    {
      label: `realistic ${2 * MB} MB`,
      name: `rb_bench_real_${2 * MB}`,
      make: () => ensureRealistic(`rb_bench_real_${2 * MB}`, 2 * MB, FRESH, log),
      rssOnly: true,
    },
  ];
  for (const db of databases) {
    log(`preparing ${db.label}…`);
    await db.make();
  }
  const s3 = process.env.RB_BENCH_SKIP_S3 === '1' ? undefined : await startS3Logged();
  const rows = [];
  try {
    for (const db of databases)
      rows.push(await benchDatabase(db, { bin, work, agent, agentTmp, passphraseFile, s3 }));
  } finally {
    await s3?.stop();
    await rm(work, { recursive: true, force: true });
  }
  printReport(rows);
}

async function startS3Logged() {
  log('starting the S3 server (radosgw)…');
  return startS3(repoRoot);
}

const agentBackup =
  (ctx, db, to, compression, env = {}) =>
  async () => {
    const result = await measure(
      'node',
      [
        ctx.agent,
        'backup',
        '--db',
        url(db),
        '--to',
        to,
        '--compression',
        compression,
        '--passphrase-file',
        ctx.passphraseFile,
      ],
      { env, tempDir: ctx.agentTmp },
    );
    return { ...result, result: JSON.parse(result.stdout) };
  };

async function freshFolder(ctx, name) {
  const folder = join(ctx.work, name);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder);
  return folder;
}

async function benchDatabase(db, ctx) {
  log(`${db.label}: raw pg_dump -Fc -Z0 > /dev/null`);
  const raw = await medianOf(REPEAT, () =>
    shell(`${ctx.bin}/pg_dump -Fc -Z0 ${PG} -d ${db.name} > /dev/null`),
  );
  const row = { label: db.label, size: await sizeOf(db.name), raw: raw.seconds };
  log(`${db.label}: agent backup → local, zstd:1 + encryption`);
  const local1 = await medianOf(REPEAT, async () =>
    agentBackup(ctx, db.name, await freshFolder(ctx, 'out'), 'zstd:1')(),
  );
  Object.assign(row, {
    local1: local1.seconds,
    rawSize: local1.result.rawSize,
    storedSize: local1.result.storedSize,
    peakRssMb: local1.peakRssMb,
    tempBytes: local1.tempBytes,
  });
  if (db.rssOnly) return row;
  log(`${db.label}: agent backup → local, zstd:3 + encryption`);
  const local3 = await medianOf(REPEAT, async () =>
    agentBackup(ctx, db.name, await freshFolder(ctx, 'out'), 'zstd:3')(),
  );
  row.local3 = local3.seconds;
  row.peakRssMb = Math.max(row.peakRssMb, local3.peakRssMb);
  if (ctx.s3) {
    log(`${db.label}: agent backup → S3, zstd:1 + encryption`);
    const s3 = await medianOf(REPEAT, async () => {
      await ctx.s3.empty();
      return agentBackup(ctx, db.name, `s3://${ctx.s3.bucket}/bench`, 'zstd:1', ctx.s3.env)();
    });
    row.s3 = s3.seconds;
    row.peakRssMb = Math.max(row.peakRssMb, s3.peakRssMb);
    await ctx.s3.empty();
  }
  Object.assign(row, await benchRestore(db, ctx));
  return row;
}

async function benchRestore(db, ctx) {
  const folder = await freshFolder(ctx, 'restore-src');
  const backup = await agentBackup(ctx, db.name, folder, 'zstd:1')();
  const file = join(folder, backup.result.objectKey);
  const rawFile = join(ctx.work, 'raw.dump');
  await shell(`${ctx.bin}/pg_dump -Fc -Z0 ${PG} -d ${db.name} > ${rawFile}`);
  const target = `${db.name}_restored`;
  log(`${db.label}: raw pg_restore from a local file`);
  const raw = await medianOf(REPEAT, async () => {
    await recreate(target);
    return shell(`${ctx.bin}/pg_restore --no-owner ${PG} -d ${target} ${rawFile}`);
  });
  log(`${db.label}: agent restore from the local .rbk file`);
  const agent = await medianOf(REPEAT, async () => {
    await recreate(target);
    return measure(
      'node',
      [
        ctx.agent,
        'restore',
        '--from',
        file,
        '--to',
        url(target),
        '--passphrase-file',
        ctx.passphraseFile,
      ],
      {
        tempDir: ctx.agentTmp,
      },
    );
  });
  const rows = await psql(
    target,
    `SELECT count(*) FROM ${db.name.includes('pgbench') ? 'pgbench_accounts' : 'orders'}`,
  );
  await drop(target);
  await rm(rawFile, { force: true });
  return {
    rawRestore: raw.seconds,
    agentRestore: agent.seconds,
    restoreRssMb: agent.peakRssMb,
    restoredRows: Number(rows),
  };
}

const f = (s) => (s === undefined ? '–' : `${s.toFixed(2)} s`);
const ratio = (a, b) => (a === undefined ? '–' : `${(a / b).toFixed(2)}×`);
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;

function printReport(rows) {
  const out = [];
  out.push(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, runs per figure: ${REPEAT} (median)`,
  );
  out.push('');
  out.push(
    '| database | size on disk | dump (raw) → stored | raw pg_dump -Fc -Z0 | agent → local zstd:1+enc | agent → local zstd:3+enc | agent → S3 zstd:1+enc | raw pg_restore | agent restore | agent peak RSS (backup / restore) | temp files |',
  );
  out.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    out.push(
      `| ${r.label} | ${r.size} | ${mb(r.rawSize)} → ${mb(r.storedSize)} | ${f(r.raw)} | ${f(r.local1)} (${ratio(r.local1, r.raw)}) | ${f(r.local3)} (${ratio(r.local3, r.raw)}) | ${f(r.s3)} (${ratio(r.s3, r.raw)}) | ${f(r.rawRestore)} | ${f(r.agentRestore)} (${ratio(r.agentRestore, r.rawRestore)}) | ${r.peakRssMb.toFixed(0)} MB / ${r.restoreRssMb === undefined ? '–' : `${r.restoreRssMb.toFixed(0)} MB`} | ${r.tempBytes} B |`,
    );
  }
  out.push('');
  out.push(
    'targets: backup ≤ 1.10× raw to local, ≤ 1.20× to S3; restore ≤ 1.10×; peak RSS ≤ 150 MB; 0 B of temp files',
  );
  process.stdout.write(`${out.join('\n')}\n`);
  process.stdout.write(`\n${JSON.stringify(rows)}\n`);
}

await main();
