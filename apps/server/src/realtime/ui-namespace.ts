import { fastifyCookie } from '@fastify/cookie';
import {
  SESSION_COOKIE,
  type ServerToUiEvents,
  type UiEventName,
  type UiEventPayload,
} from '@rahatback/protocol';
import type { Namespace } from 'socket.io';
import type { AuthService } from '../modules/auth/auth.service.js';

export type UiNamespace = Namespace<object, ServerToUiEvents, object, { userId: string }>;

export const userRoom = (userId: string) => `user:${userId}`;

/** Live updates to every open page of one account, on every replica. */
export interface UiPush {
  pushToUser: <E extends UiEventName>(userId: string, event: E, payload: UiEventPayload<E>) => void;
}

/** Browsers authenticate with their session cookie, scripts with `auth.token`. */
export function setupUiNamespace(
  nsp: UiNamespace,
  auth: Pick<AuthService, 'authenticate'>,
): UiPush {
  nsp.use((socket, next) => {
    const fromAuth = (socket.handshake.auth as { token?: unknown }).token;
    const cookieHeader = socket.handshake.headers.cookie;
    const token =
      typeof fromAuth === 'string'
        ? fromAuth
        : cookieHeader === undefined
          ? undefined
          : fastifyCookie.parse(cookieHeader)[SESSION_COOKIE];
    if (token === undefined) return next(new Error('UNAUTHENTICATED: sign in first'));
    auth.authenticate(token).then((caller) => {
      if (caller === undefined)
        return next(new Error('UNAUTHENTICATED: your session expired; sign in again'));
      socket.data = { userId: caller.user.id };
      next();
    }, next);
  });
  nsp.on('connection', (socket) => void socket.join(userRoom(socket.data.userId)));

  return {
    pushToUser(userId, event, payload) {
      // The mapped event type cannot follow a generic name through emit's overloads.
      (nsp.to(userRoom(userId)) as unknown as { emit(e: string, p: unknown): void }).emit(
        event,
        payload,
      );
    },
  };
}
