import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/tables.js';

export interface SessionWithUser {
  sessionId: string;
  csrfToken: string;
  user: UserRow;
}

/** Users, sessions and login attempts. Kysely only; plain rows out. */
export function createAuthRepository(db: Kysely<DB>) {
  return {
    async countUsers(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** True for exactly one caller ever: the primary key on `meta` decides, on both dialects. */
    async claimFirstAccount(userId: string): Promise<boolean> {
      const result = await db
        .insertInto('meta')
        .values({ key: 'first_account', value: userId })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    async insertUser(user: UserRow): Promise<void> {
      await db.insertInto('users').values(user).execute();
    },

    findUserByEmail: (email: string) =>
      db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst(),

    findUserById: (id: string) =>
      db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),

    /** The instance admin: the first account created. */
    findFirstAdmin: () =>
      db
        .selectFrom('users')
        .selectAll()
        .where('is_admin', '=', 1)
        .orderBy('created_at')
        .limit(1)
        .executeTakeFirst(),

    async updatePasswordHash(userId: string, passwordHash: string): Promise<void> {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash })
        .where('id', '=', userId)
        .execute();
    },

    async insertSession(session: DB['sessions']): Promise<void> {
      await db.insertInto('sessions').values(session).execute();
    },

    async findLiveSession(tokenHash: string, now: string): Promise<SessionWithUser | undefined> {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id as sessionId',
          'sessions.csrf_token as csrfToken',
          'users.id',
          'users.email',
          'users.name',
          'users.password_hash',
          'users.is_admin',
          'users.created_at',
        ])
        .where('sessions.token_hash', '=', tokenHash)
        .where('sessions.expires_at', '>', now)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const { sessionId, csrfToken, ...user } = row;
      return { sessionId, csrfToken, user };
    },

    async deleteSession(sessionId: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
    },

    /** Signs the account out everywhere else, e.g. after a password change. */
    async deleteOtherSessions(userId: string, keepSessionId: string): Promise<void> {
      await db
        .deleteFrom('sessions')
        .where('user_id', '=', userId)
        .where('id', '!=', keepSessionId)
        .execute();
    },

    async recordFailedLogin(keys: string[], at: string): Promise<void> {
      await db
        .insertInto('login_attempts')
        .values(keys.map((key) => ({ id: crypto.randomUUID(), key, attempted_at: at })))
        .execute();
    },

    /** Failures of `key` since `since`, and the oldest of them (it decides when the lock lifts). */
    async failedLoginsSince(key: string, since: string) {
      const row = await db
        .selectFrom('login_attempts')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('attempted_at').as('oldest')])
        .where('key', '=', key)
        .where('attempted_at', '>', since)
        .executeTakeFirstOrThrow();
      return { count: Number(row.n), oldest: row.oldest as string | null };
    },

    async clearFailedLogins(key: string): Promise<void> {
      await db.deleteFrom('login_attempts').where('key', '=', key).execute();
    },

    async pruneLoginAttempts(before: string): Promise<void> {
      await db.deleteFrom('login_attempts').where('attempted_at', '<', before).execute();
    },

    async pruneExpiredSessions(now: string): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
