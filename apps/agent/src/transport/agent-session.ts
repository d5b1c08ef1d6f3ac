import {
  PROTOCOL_VERSION,
  type AgentHandshake,
  type ClientTool,
  type TaskProgress,
} from '@rahatback/protocol';
import { registerCommandHandlers } from '../handlers/index.js';
import type { HandlerDeps } from '../handlers/handler.types.js';
import { createTaskRegistry } from '../handlers/task-registry.js';
import type { AgentLogger } from '../logger.js';
import { connectAgent, type AgentSocketOptions, type Refusal } from './agent-socket.js';
import { createResultOutbox } from './result-outbox.js';

export interface AgentSessionOptions {
  serverUrl: string;
  credential: string;
  agentVersion: string;
  hostname: string;
  tools: ClientTool[];
  logger: AgentLogger;
  engine: Pick<HandlerDeps, 'connectorFor' | 'storageDriverFor' | 'runBackup' | 'runRestore'>;
  socket?: Pick<AgentSocketOptions, 'reconnectDelayMs' | 'reconnectDelayMaxMs'>;
  outbox?: { ackTimeoutMs?: number; retryDelayMs?: number };
}

export interface AgentSession {
  /** Resolves when the server refuses this agent for good. */
  refused: Promise<Refusal>;
  /**
   * Cancels running tasks, waits (at most `timeoutMs`) for them to end and for their results
   * to reach the server, then closes the socket. Resolves true when nothing was left behind.
   */
  shutdown(timeoutMs: number): Promise<boolean>;
}

const MAX_ANNOUNCED_TASKS = 100;

/** Connects the agent and wires every server command to its handler. */
export function startAgentSession(options: AgentSessionOptions): AgentSession {
  const { logger } = options;
  const tasks = createTaskRegistry((taskId, error) =>
    logger.error({ taskId, err: error }, 'task crashed'),
  );
  let pendingIds = (): string[] => [];
  const handshake = (): AgentHandshake => ({
    v: PROTOCOL_VERSION,
    credential: options.credential,
    agentVersion: options.agentVersion,
    hostname: options.hostname,
    tools: options.tools,
    // A finished task whose result is not delivered yet is still in flight for the server.
    runningTaskIds: [...new Set([...tasks.runningIds(), ...pendingIds()])].slice(
      0,
      MAX_ANNOUNCED_TASKS,
    ),
  });
  const connection = connectAgent({
    serverUrl: options.serverUrl,
    handshake,
    logger,
    ...options.socket,
  });
  const { socket } = connection;
  const outbox = createResultOutbox(socket, logger, options.outbox);
  pendingIds = () => outbox.pendingIds();
  // Progress is worth nothing late: volatile emits are dropped while disconnected.
  const reportProgress = (progress: TaskProgress): void => {
    socket.volatile.emit('task:progress', { v: PROTOCOL_VERSION, progress });
  };
  registerCommandHandlers(socket, {
    ...options.engine,
    logger,
    tasks,
    outbox,
    reportProgress,
    server: { url: options.serverUrl, credential: options.credential },
  });

  return {
    refused: connection.refused,
    async shutdown(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      tasks.close();
      const isIdle = await tasks.idle(timeoutMs);
      const isDrained = await outbox.drained(Math.max(0, deadline - Date.now()));
      connection.close();
      return isIdle && isDrained;
    },
  };
}
