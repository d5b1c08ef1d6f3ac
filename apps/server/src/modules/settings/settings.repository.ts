import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';

const SMTP_KEY = 'smtp_settings';

/** Instance-wide settings kept as JSON in the `meta` table. Kysely only. */
export function createSettingsRepository(db: Kysely<DB>) {
  return {
    async readSmtp(): Promise<string | undefined> {
      const row = await db
        .selectFrom('meta')
        .select('value')
        .where('key', '=', SMTP_KEY)
        .executeTakeFirst();
      return row?.value;
    },

    async writeSmtp(json: string): Promise<void> {
      await db
        .insertInto('meta')
        .values({ key: SMTP_KEY, value: json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
        .execute();
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
