import {
  AGENT_NAMESPACE,
  AgentReports,
  PROTOCOL_VERSION,
  type Accepted,
  type AgentReportPayload,
  type TaskProgress,
} from '@rahatback/protocol';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { z } from 'zod';
import type { AgentSocketData } from './agent-link.js';

type ReportSocket = {
  data: AgentSocketData;
  on(event: string, listener: (payload: unknown, ack?: unknown) => void): void;
};

type ResultEvent = 'backup:result' | 'restore:result';
type ResultOf<E extends ResultEvent> = AgentReportPayload<E>['result'];

/** How one kind of task (backup or restore) takes its agents' reports. */
export interface TaskReportHandlers<E extends ResultEvent> {
  /** Names the task in log lines and in the refusal the agent receives. */
  task: 'backup' | 'restore';
  resultEvent: E;
  progress(agentId: string, progress: TaskProgress): Promise<void>;
  result(agentId: string, result: ResultOf<E>): Promise<Accepted>;
  /** The fields that identify the task in a log line, such as `{ runId }`. */
  logIds(result: ResultOf<E>): Record<string, string>;
}

/**
 * Listens to every agent socket for one kind of task's progress and results. The agent
 * namespace admits and authenticates the socket; this adds the report events next to its handlers.
 */
export function listenToTaskReports<E extends ResultEvent>(
  io: Server,
  handlers: TaskReportHandlers<E>,
  logger: Logger,
): void {
  const { task } = handlers;
  const resultSchema = AgentReports[handlers.resultEvent].payload as unknown as z.ZodType<
    AgentReportPayload<E>
  >;
  io.of(AGENT_NAMESPACE).on('connection', (raw) => {
    const socket = raw as unknown as ReportSocket;
    const { agentId } = socket.data;

    // Backups and restores report progress on the same event; each service ignores ids not its own.
    socket.on('task:progress', (payload) => {
      const parsed = AgentReports['task:progress'].payload.safeParse(payload);
      if (!parsed.success) return;
      handlers
        .progress(agentId, parsed.data.progress)
        .catch((err: unknown) => logger.warn({ err, agentId }, `${task} progress not recorded`));
    });

    socket.on(handlers.resultEvent, (payload, ack) => {
      const reply = typeof ack === 'function' ? (ack as (r: Accepted) => void) : () => undefined;
      const parsed = resultSchema.safeParse(payload);
      if (!parsed.success) {
        reply({
          v: PROTOCOL_VERSION,
          accepted: false,
          error: {
            code: 'PROTOCOL_MISMATCH',
            message: `the ${task} result is not in a form this server understands: upgrade the agent`,
          },
        });
        return;
      }
      const { result } = parsed.data;
      // No reply on a store error: the agent retries until acknowledged.
      handlers
        .result(agentId, result)
        .then(reply, (err: unknown) =>
          logger.error({ err, agentId, ...handlers.logIds(result) }, `${task} result not applied`),
        );
    });
  });
}
