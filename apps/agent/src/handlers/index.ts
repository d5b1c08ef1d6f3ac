import {
  AgentCommands,
  PROTOCOL_VERSION,
  type AgentCommandAck,
  type AgentCommandName,
  type AgentCommandPayload,
  type Failure,
} from '@rahatback/protocol';
import type { AgentSocket } from '../transport/agent-socket.js';
import { handleDatabaseTest } from './database-test.js';
import { handleDownloadRequest } from './download.js';
import { toFailure, validationFailure } from './failure.js';
import type { HandlerDeps } from './handler.types.js';
import { handleStorageDelete, handleStorageTest } from './storage.js';
import { handleBackupExecute, handleRestoreExecute } from './task-execute.js';

type Handler<E extends AgentCommandName> = {
  run(
    payload: AgentCommandPayload<E>,
    deps: HandlerDeps,
  ): Promise<AgentCommandAck<E>> | AgentCommandAck<E>;
  /** The acknowledgement sent when the payload is malformed or the handler threw. */
  refuse(failure: Failure, raw: unknown): AgentCommandAck<E>;
};

const v = PROTOCOL_VERSION;

/** One entry per command of the protocol: adding a command does not compile until handled here. */
const handlers: { [E in AgentCommandName]: Handler<E> } = {
  'database:test': {
    run: handleDatabaseTest,
    refuse: (failure) => ({ v, result: { ok: false, ...failure } }),
  },
  'storage:test': {
    run: handleStorageTest,
    refuse: (failure) => ({ v, result: { ok: false, ...failure } }),
  },
  'storage:delete': {
    run: handleStorageDelete,
    refuse: (failure, raw) => ({
      v,
      result: { deleted: [], failed: keysOf(raw).map((key) => ({ key, error: failure })) },
    }),
  },
  'backup:execute': {
    run: handleBackupExecute,
    refuse: (error) => ({ v, accepted: false, error }),
  },
  'restore:execute': {
    run: handleRestoreExecute,
    refuse: (error) => ({ v, accepted: false, error }),
  },
  'task:cancel': {
    run: (payload, deps) => ({ v, found: deps.tasks.cancel(payload.taskId) }),
    refuse: () => ({ v, found: false }),
  },
  'task:list': {
    run: (_payload, deps) => ({ v, running: deps.tasks.runningIds() }),
    refuse: (_failure) => ({ v, running: [] }),
  },
  'download:request': {
    run: handleDownloadRequest,
    refuse: (error) => ({ v, accepted: false, error }),
  },
};

/**
 * Listens for every server command. Each payload is parsed with its protocol schema first;
 * a malformed one is answered with a VALIDATION_FAILED acknowledgement, and a handler that
 * throws is answered with its failure: the agent never crashes on what the server sends.
 */
export function registerCommandHandlers(socket: AgentSocket, deps: HandlerDeps): void {
  for (const event of Object.keys(handlers) as AgentCommandName[]) listen(socket, event, deps);
}

function listen<E extends AgentCommandName>(
  socket: AgentSocket,
  event: E,
  deps: HandlerDeps,
): void {
  const handler = handlers[event] as Handler<E>;
  const schema = AgentCommands[event].payload;
  const onCommand = (raw: unknown, ack: unknown): void => {
    void answer(raw).then((reply) => {
      if (typeof ack === 'function') (ack as (reply: AgentCommandAck<E>) => void)(reply);
    });
  };
  const answer = async (raw: unknown): Promise<AgentCommandAck<E>> => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      deps.logger.warn({ event }, 'malformed command refused');
      return handler.refuse(validationFailure(parsed.error), raw);
    }
    try {
      return await handler.run(parsed.data as AgentCommandPayload<E>, deps);
    } catch (error) {
      deps.logger.error({ event, err: error }, 'command handler failed');
      return handler.refuse(toFailure(error), raw);
    }
  };
  // The socket's typed listener map cannot express one generic listener for every event.
  (socket as unknown as { on(event: string, listener: typeof onCommand): void }).on(
    event,
    onCommand,
  );
}

function keysOf(raw: unknown): string[] {
  const keys = (raw as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}
