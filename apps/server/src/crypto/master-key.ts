import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/tables.js';
import { AppError } from '../errors.js';
import { createSealer, type Sealer } from './sealer.js';

/** Every column that holds sealed data; a module that adds one lists it here. */
export const SEALED_COLUMNS: { table: keyof DB; column: string }[] = [
  { table: 'databases', column: 'sealed_password' },
  { table: 'storages', column: 'sealed_secrets' },
  { table: 'backup_jobs', column: 'sealed_passphrase' },
];

/** Rows of the `meta` table whose value holds sealed data (the SMTP password). */
const SEALED_META_KEYS = ['smtp_settings'];

const CANARY_KEY = 'master_key_canary';
const CANARY_IDENTITY = 'meta:master_key_canary:value';

export interface MasterKeyOptions {
  /** From RAHATBACK_MASTER_KEY; wins over the file. */
  configuredKey: Buffer | undefined;
  keyFile: string;
  db: Kysely<DB>;
}

/**
 * Finds the master key (environment, then key file), creating the file only on a store that
 * holds no sealed data — a new key could never open old secrets — and checks that the key
 * opens what was sealed before.
 */
export async function loadSealer(options: MasterKeyOptions): Promise<Sealer> {
  const key = options.configuredKey ?? (await keyFromFile(options));
  const sealer = createSealer(key);
  await checkCanary(options.db, sealer);
  return sealer;
}

async function keyFromFile({ keyFile, db }: MasterKeyOptions): Promise<Buffer> {
  const existing = readKeyFile(keyFile);
  if (existing !== undefined) return existing;
  if (await hasSealedData(db))
    throw new AppError(
      'INTERNAL',
      `the master key file ${keyFile} is missing but the metadata store holds sealed secrets: ` +
        'restore the file from your backup or set RAHATBACK_MASTER_KEY to the same key; ' +
        'a new key cannot open them, so none is generated',
    );
  const key = randomBytes(32);
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  // Nothing was sealed under the lost key but the canary: seal a new one under this key.
  await db.deleteFrom('meta').where('key', '=', CANARY_KEY).execute();
  return key;
}

function readKeyFile(keyFile: string): Buffer | undefined {
  if (!existsSync(keyFile)) return undefined;
  const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  if (key.length !== 32)
    throw new AppError(
      'INTERNAL',
      `the master key file ${keyFile} does not hold a base64 32-byte key: restore it from your backup`,
    );
  return key;
}

export async function hasSealedData(db: Kysely<DB>): Promise<boolean> {
  for (const { table, column } of SEALED_COLUMNS) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.lit(1).as('one'))
      .where(column as never, 'is not', null)
      .limit(1)
      .executeTakeFirst();
    if (row !== undefined) return true;
  }
  const smtp = await db
    .selectFrom('meta')
    .select('key')
    .where('key', 'in', SEALED_META_KEYS)
    .limit(1)
    .executeTakeFirst();
  return smtp !== undefined;
}

async function checkCanary(db: Kysely<DB>, sealer: Sealer): Promise<void> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', CANARY_KEY)
    .executeTakeFirst();
  if (row === undefined) {
    const value = sealer.seal('rahatback', CANARY_IDENTITY);
    await db
      .insertInto('meta')
      .values({ key: CANARY_KEY, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return;
  }
  try {
    sealer.unseal(row.value, CANARY_IDENTITY);
  } catch (cause) {
    throw new AppError(
      'INTERNAL',
      'the master key does not open the secrets sealed in this metadata store: ' +
        'set RAHATBACK_MASTER_KEY (or the master.key file) back to the key that sealed them',
      { cause },
    );
  }
}
