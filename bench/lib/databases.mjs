// The benchmark's databases on the local PostgreSQL: a pgbench database and a generated
// "realistic" one (text, numbers, timestamps, jsonb, arrays, bytea). Both are kept between
// runs (creating them is the slow part); RB_BENCH_FRESH=1 makes them again.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PG = { host: '127.0.0.1', port: '5432', user: 'postgres' };

export function pgBin() {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

export const psql = (database, sql) =>
  run(
    'psql',
    [
      '-h',
      PG.host,
      '-p',
      PG.port,
      '-U',
      PG.user,
      '-d',
      database,
      '-v',
      'ON_ERROR_STOP=1',
      '-Atqc',
      sql,
    ],
    {
      maxBuffer: 1 << 24,
    },
  ).then((r) => r.stdout.trim());

// A database counts as made only once its creation finished and marked it.
const MARK = 'rahatback bench: complete';
const exists = async (name) =>
  (await psql(
    'postgres',
    `SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '${name}'`,
  )) === MARK;
const markComplete = (name) => psql('postgres', `COMMENT ON DATABASE ${name} IS '${MARK}'`);

export async function recreate(name) {
  await psql('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await psql('postgres', `CREATE DATABASE ${name}`);
}

export const drop = (name) => psql('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);

export async function ensurePgbench(name, scale, fresh) {
  if (!fresh && (await exists(name))) return;
  await recreate(name);
  await run(
    `${pgBin()}/pgbench`,
    ['-i', '-q', '-s', String(scale), '-h', PG.host, '-U', PG.user, name],
    {
      maxBuffer: 1 << 24,
    },
  );
  await markComplete(name);
}

const WORDS = `ARRAY['invoice','shipment','customer','delivered','pending','refund','warehouse','Istanbul',
  'Izmir','Ankara','express','standard','fragile','gift','returned','priority','discount','coupon','bulk',
  'retail','online','store','mobile','desktop','tablet','morning','evening','weekend','holiday','season',
  'cotton','leather','steel','wooden','glass','paper','plastic','organic','premium','budget']`;

/** Inserts rows [from, to] of the realistic table; about 520 bytes of dump text per row. */
const insertRows = (from, to) => `
  INSERT INTO orders
  SELECT i,
    timestamptz '2020-01-01 00:00:00+00' + i * interval '37 seconds',
    round((random() * 10000)::numeric, 2),
    (random() * 100)::int,
    'user' || (i % 100000) || '@mail' || (i % 17) || '.example.com',
    repeat(w[1 + i % 40] || ' ' || w[1 + (i / 7) % 40] || ' ' || md5(i::text) || ' ', 4 + i % 5),
    ARRAY[w[1 + i % 40], w[1 + (i * 3) % 40]],
    jsonb_build_object('sku', 'SKU-' || (i % 5000), 'color', w[1 + (i * 11) % 40],
      'weight', round((random() * 50)::numeric, 3), 'flags', jsonb_build_array(i % 2 = 0, i % 3 = 0)),
    decode(md5(random()::text) || md5(random()::text), 'hex')
  FROM generate_series(${from}, ${to}) AS i, (SELECT ${WORDS} AS w) AS words`;

const ROW_BYTES = 520;

/** A database of about `megabytes` of dump text. */
export async function ensureRealistic(name, megabytes, fresh, log) {
  if (!fresh && (await exists(name))) return;
  await recreate(name);
  await psql(
    name,
    `CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz NOT NULL, amount numeric(12,2),
      qty int, email text, note text, tags text[], attrs jsonb, blob bytea)`,
  );
  const rows = Math.ceil((megabytes * 1024 * 1024) / ROW_BYTES);
  const batch = 500_000;
  for (let from = 1; from <= rows; from += batch) {
    await psql(name, insertRows(from, Math.min(rows, from + batch - 1)));
    log(`  ${name}: ${Math.min(rows, from + batch - 1)} / ${rows} rows`);
  }
  await psql(name, 'CREATE INDEX orders_created ON orders (created_at)');
  await psql(name, 'VACUUM ANALYZE orders');
  await markComplete(name);
}

export const sizeOf = (name) =>
  psql('postgres', `SELECT pg_size_pretty(pg_database_size('${name}'))`);
