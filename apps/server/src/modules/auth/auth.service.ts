import { hash, verify } from '@node-rs/argon2';
import type {
  ChangePasswordBody,
  LoginBody,
  RegisterBody,
  SessionResponse,
  User,
} from '@rahatback/protocol';
import { hashToken, newSecretToken } from '../../crypto/tokens.js';
import type { UserRow } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import type { AuthRepository } from './auth.repository.js';

const SESSION_TTL_MS = 30 * 24 * 3600_000;
const LOGIN_WINDOW_MS = 15 * 60_000;
const MAX_FAILED_LOGINS = 10;
const INVALID_LOGIN = 'email or password is incorrect';

/** Who is calling, as the auth guard resolved it. */
export interface Caller {
  user: User;
  sessionId: string;
  csrfToken: string;
}

export interface AuthServiceDeps {
  repo: AuthRepository;
  /** Called after an account is created; the first one receives the embedded agent. */
  onAccountCreated?: (user: User, isFirst: boolean) => Promise<void>;
  now?: () => Date;
}

export const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  isAdmin: row.is_admin === 1,
  createdAt: row.created_at,
});

// Verifying against a real hash when the email is unknown keeps both answers equally slow.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hash('rahatback-decoy-password'));

// argon2id is @node-rs/argon2's default algorithm (m=19 MiB, t=2, p=1, as OWASP suggests).
export function createAuthService({
  repo,
  onAccountCreated,
  now = () => new Date(),
}: AuthServiceDeps) {
  async function openSession(user: UserRow): Promise<SessionResponse> {
    const token = newSecretToken();
    const csrfToken = newSecretToken();
    const at = now();
    await repo.insertSession({
      id: crypto.randomUUID(),
      user_id: user.id,
      token_hash: hashToken(token),
      csrf_token: csrfToken,
      created_at: at.toISOString(),
      expires_at: new Date(at.getTime() + SESSION_TTL_MS).toISOString(),
    });
    return { token, csrfToken, user: toUser(user) };
  }

  async function refuseWhileLocked(keys: string[]): Promise<void> {
    const since = new Date(now().getTime() - LOGIN_WINDOW_MS).toISOString();
    for (const key of keys) {
      const { count, oldest } = await repo.failedLoginsSince(key, since);
      if (count < MAX_FAILED_LOGINS || oldest === null) continue;
      const liftsAt = new Date(oldest).getTime() + LOGIN_WINDOW_MS;
      const minutes = Math.max(1, Math.ceil((liftsAt - now().getTime()) / 60_000));
      throw new AppError(
        'RATE_LIMITED',
        `too many attempts, try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      );
    }
  }

  return {
    sessionTtlMs: SESSION_TTL_MS,

    async register(body: RegisterBody): Promise<SessionResponse> {
      if ((await repo.findUserByEmail(body.email)) !== undefined)
        throw new AppError(
          'EMAIL_TAKEN',
          'an account with this email exists already: sign in instead',
        );
      const id = crypto.randomUUID();
      // Counting alone would let two simultaneous first registrations both become admin.
      const isFirst = (await repo.countUsers()) === 0 && (await repo.claimFirstAccount(id));
      const row: UserRow = {
        id,
        email: body.email,
        name: body.name,
        password_hash: await hash(body.password),
        is_admin: isFirst ? 1 : 0,
        created_at: now().toISOString(),
      };
      await repo.insertUser(row);
      await onAccountCreated?.(toUser(row), isFirst);
      return openSession(row);
    },

    async login(body: LoginBody, ip: string): Promise<SessionResponse> {
      const keys = [`ip:${ip}`, `email:${body.email}`];
      await refuseWhileLocked(keys);
      const user = await repo.findUserByEmail(body.email);
      const isValid = await verify(user?.password_hash ?? (await decoy()), body.password);
      if (user === undefined || !isValid) {
        await repo.recordFailedLogin(keys, now().toISOString());
        throw new AppError('INVALID_CREDENTIALS', INVALID_LOGIN);
      }
      await repo.clearFailedLogins(`email:${body.email}`);
      return openSession(user);
    },

    logout: (caller: Caller) => repo.deleteSession(caller.sessionId),

    /** Resolves a session token (cookie or bearer) to its caller, or undefined. */
    async authenticate(token: string): Promise<Caller | undefined> {
      const found = await repo.findLiveSession(hashToken(token), now().toISOString());
      if (found === undefined) return undefined;
      return { user: toUser(found.user), sessionId: found.sessionId, csrfToken: found.csrfToken };
    },

    async changePassword(caller: Caller, body: ChangePasswordBody): Promise<void> {
      const user = await repo.findUserById(caller.user.id);
      if (user === undefined || !(await verify(user.password_hash, body.currentPassword)))
        throw new AppError('INVALID_CREDENTIALS', 'the current password is incorrect');
      await repo.updatePasswordHash(user.id, await hash(body.newPassword));
      await repo.deleteOtherSessions(user.id, caller.sessionId);
    },

    /** Keeps the tables small: expired sessions and failures outside the window count no more. */
    async pruneExpired(): Promise<void> {
      await repo.pruneLoginAttempts(new Date(now().getTime() - LOGIN_WINDOW_MS).toISOString());
      await repo.pruneExpiredSessions(now().toISOString());
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
