import { io, type Socket } from 'socket.io-client';
import {
  AGENT_NAMESPACE,
  AgentRefusal,
  type AgentHandshake,
  type AgentToServerEvents,
  type ServerToAgentEvents,
} from '@rahatback/protocol';
import type { AgentLogger } from '../logger.js';
import { createBackoff } from './backoff.js';

export type AgentSocket = Socket<ServerToAgentEvents, AgentToServerEvents>;

/** The server refused this agent for a reason that retrying cannot fix. */
export interface Refusal {
  code: AgentRefusal;
  /** The server's sentence, e.g. "AGENT_REVOKED: this agent was revoked; enroll it again". */
  message: string;
}

export interface AgentSocketOptions {
  serverUrl: string;
  /** Called at every (re)connection, so the running tasks it lists are current. */
  handshake: () => AgentHandshake;
  logger: AgentLogger;
  /** socket.io's own reconnection after a lost transport; defaults suit a fleet of agents. */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
}

export interface AgentConnection {
  socket: AgentSocket;
  /** Resolves once, when the server refuses the agent for good; the socket is closed then. */
  refused: Promise<Refusal>;
  close(): void;
}

/**
 * Opens the agent's outbound socket to `<server>/agent`, websocket only (works through a
 * round-robin balancer without sticky sessions). Lost transports are retried by socket.io
 * with exponential backoff and jitter; a socket the server closed or refused is retried here
 * the same way, except when the refusal is final (revoked, unknown credential, protocol
 * mismatch): hammering the server would change nothing, so the agent stops.
 */
export function connectAgent(options: AgentSocketOptions): AgentConnection {
  const baseMs = options.reconnectDelayMs ?? 1000;
  const maxMs = options.reconnectDelayMaxMs ?? 30_000;
  const socket: AgentSocket = io(`${options.serverUrl}${AGENT_NAMESPACE}`, {
    transports: ['websocket'],
    auth: (send) => send(options.handshake()),
    reconnectionDelay: baseMs,
    reconnectionDelayMax: maxMs,
    randomizationFactor: 0.5,
  });
  const backoff = createBackoff({ baseMs, maxMs });
  let retryTimer: NodeJS.Timeout | undefined;
  let isClosed = false;
  let resolveRefused: (refusal: Refusal) => void = () => {};
  const refused = new Promise<Refusal>((resolve) => (resolveRefused = resolve));

  const close = (): void => {
    isClosed = true;
    clearTimeout(retryTimer);
    socket.disconnect();
  };
  watchConnection(socket, options, {
    onConnected: () => backoff.reset(),
    retryLater: () => {
      if (isClosed) return;
      const delay = backoff.next();
      options.logger.info({ delayMs: delay }, 'reconnecting to the server');
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => socket.connect(), delay);
    },
    onRefused: (refusal) => {
      close();
      resolveRefused(refusal);
    },
  });
  return { socket, refused, close };
}

function watchConnection(
  socket: AgentSocket,
  { logger, serverUrl }: Pick<AgentSocketOptions, 'logger' | 'serverUrl'>,
  on: { onConnected(): void; retryLater(): void; onRefused(refusal: Refusal): void },
): void {
  socket.on('connect', () => {
    on.onConnected();
    logger.info({ serverUrl }, 'connected to the server');
  });
  socket.on('connect_error', (error) => {
    const refusal = finalRefusal(error.message);
    if (refusal !== undefined) {
      logger.error(
        { code: refusal.code, reason: refusal.message },
        'the server refused this agent',
      );
      on.onRefused(refusal);
      return;
    }
    logger.warn({ reason: error.message }, 'cannot connect to the server');
    // An inactive socket was refused by the server's middleware: socket.io will not retry it.
    if (!socket.active) on.retryLater();
  });
  socket.on('disconnect', (reason) => {
    logger.warn({ reason }, 'disconnected from the server');
    // The server closed this socket (revoked, or shedding load): come back later, and
    // a revoked agent then hears why.
    if (reason === 'io server disconnect') on.retryLater();
  });
}

function finalRefusal(message: string): Refusal | undefined {
  const code = AgentRefusal.options.find((c) => message.startsWith(c));
  return code === undefined ? undefined : { code, message };
}
