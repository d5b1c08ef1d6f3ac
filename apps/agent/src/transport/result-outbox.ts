import { Accepted, type AgentReportPayload } from '@rahatback/protocol';
import type { AgentLogger } from '../logger.js';
import type { AgentSocket } from './agent-socket.js';

type ResultEvent = 'backup:result' | 'restore:result';

interface Entry<E extends ResultEvent = ResultEvent> {
  event: E;
  payload: AgentReportPayload<E>;
  isSending: boolean;
}

export interface ResultOutbox {
  /** Queues a task's result and keeps sending it until the server acknowledges it. */
  send<E extends ResultEvent>(event: E, taskId: string, payload: AgentReportPayload<E>): void;
  /** Task ids whose results the server has not acknowledged yet. */
  pendingIds(): string[];
  /** Resolves true once every result is acknowledged, false if `timeoutMs` passed first. */
  drained(timeoutMs: number): Promise<boolean>;
}

/**
 * Results are the one report the server must not miss: a lost one would leave a run
 * "running" until it times out. Each stays in memory until acknowledged, is retried while
 * connected, and is sent again after every reconnection. The server treats a repeated
 * result for the same task as one, so sending twice is safe.
 */
export function createResultOutbox(
  socket: AgentSocket,
  logger: AgentLogger,
  options: { ackTimeoutMs?: number; retryDelayMs?: number } = {},
): ResultOutbox {
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  const retryDelayMs = options.retryDelayMs ?? 2_000;
  const entries = new Map<string, Entry>();
  const waiters = new Set<() => void>();

  const settle = (taskId: string): void => {
    entries.delete(taskId);
    if (entries.size === 0) for (const wake of waiters) wake();
  };

  const attempt = async (taskId: string, entry: Entry): Promise<void> => {
    if (entry.isSending || !socket.connected) return;
    entry.isSending = true;
    try {
      const reply: unknown = await emitResult(socket, entry, ackTimeoutMs);
      const ack = Accepted.safeParse(reply);
      if (ack.success && !ack.data.accepted)
        logger.warn({ taskId, code: ack.data.error?.code }, 'the server declined a task result');
      settle(taskId);
      logger.info({ taskId, event: entry.event }, 'task result delivered');
    } catch {
      logger.warn({ taskId }, 'task result not acknowledged yet; will retry');
      setTimeout(() => void attempt(taskId, entry), retryDelayMs).unref();
    } finally {
      entry.isSending = false;
    }
  };

  socket.on('connect', () => {
    for (const [taskId, entry] of entries) void attempt(taskId, entry);
  });

  return {
    send(event, taskId, payload) {
      const entry = { event, payload, isSending: false } as Entry;
      entries.set(taskId, entry);
      void attempt(taskId, entry);
    },
    pendingIds: () => [...entries.keys()],
    drained: (timeoutMs) =>
      entries.size === 0 ? Promise.resolve(true) : nextWake(waiters, timeoutMs),
  };
}

/** Resolves true when one of `waiters` is woken, false after `timeoutMs`. */
function nextWake(waiters: Set<() => void>, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      waiters.delete(wake);
      resolve(true);
    };
    const timer = setTimeout(() => {
      waiters.delete(wake);
      resolve(false);
    }, timeoutMs);
    waiters.add(wake);
  });
}

function emitResult(socket: AgentSocket, entry: Entry, timeoutMs: number): Promise<unknown> {
  const timed = socket.timeout(timeoutMs);
  return entry.event === 'backup:result'
    ? timed.emitWithAck('backup:result', entry.payload as AgentReportPayload<'backup:result'>)
    : timed.emitWithAck('restore:result', entry.payload as AgentReportPayload<'restore:result'>);
}
