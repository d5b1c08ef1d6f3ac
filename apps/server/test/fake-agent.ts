import { AGENT_NAMESPACE, PROTOCOL_VERSION, UI_NAMESPACE } from '@rahatback/protocol';
import { io, type Socket } from 'socket.io-client';

export const TOOLS = [{ name: 'pg_dump', version: '15.4', path: '/usr/bin/pg_dump' }];

/** A socket.io client that speaks the agent side of the protocol, for tests of the hub. */
export function connectAgent(baseUrl: string, auth: Record<string, unknown>): Promise<Socket> {
  const socket = io(`${baseUrl}${AGENT_NAMESPACE}`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: {
      v: PROTOCOL_VERSION,
      agentVersion: '0.1.0',
      hostname: 'fake-host',
      tools: TOOLS,
      runningTaskIds: [],
      ...auth,
    },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** A browser page's socket: authenticated by `auth.token` or by the session cookie. */
export function connectUi(
  baseUrl: string,
  by: { token?: string; cookie?: string },
): Promise<Socket> {
  const socket = io(`${baseUrl}${UI_NAMESPACE}`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: by.token === undefined ? {} : { token: by.token },
    ...(by.cookie !== undefined && { extraHeaders: { cookie: by.cookie } }),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Resolves with the next payload of `event` on `socket` that satisfies `match`. */
export function nextEvent<T>(
  socket: Socket,
  event: string,
  match: (p: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve) => {
    const listener = (payload: T) => {
      if (!match(payload)) return;
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
