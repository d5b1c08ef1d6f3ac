import {
  AGENT_NAMESPACE,
  AgentReports,
  PROTOCOL_VERSION,
  type Accepted,
} from '@rahatback/protocol';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { AgentSocketData } from '../../realtime/agent-link.js';
import type { RestoresService } from './restores.service.js';

type ReportSocket = {
  data: AgentSocketData;
  on(event: string, listener: (payload: unknown, ack?: unknown) => void): void;
};

/** Listens to every agent socket for restore progress and results. */
export function listenToRestoreReports(
  io: Server,
  restores: Pick<RestoresService, 'progress' | 'result'>,
  logger: Logger,
): void {
  io.of(AGENT_NAMESPACE).on('connection', (raw) => {
    const socket = raw as unknown as ReportSocket;
    const { agentId } = socket.data;

    // Backups report progress on the same event; the service ignores ids that are not restores.
    socket.on('task:progress', (payload) => {
      const parsed = AgentReports['task:progress'].payload.safeParse(payload);
      if (!parsed.success) return;
      restores
        .progress(agentId, parsed.data.progress)
        .catch((err: unknown) => logger.warn({ err, agentId }, 'restore progress not recorded'));
    });

    socket.on('restore:result', (payload, ack) => {
      const reply = typeof ack === 'function' ? (ack as (r: Accepted) => void) : () => undefined;
      const parsed = AgentReports['restore:result'].payload.safeParse(payload);
      if (!parsed.success) {
        reply({
          v: PROTOCOL_VERSION,
          accepted: false,
          error: {
            code: 'PROTOCOL_MISMATCH',
            message:
              'the restore result is not in a form this server understands: upgrade the agent',
          },
        });
        return;
      }
      // No reply on a store error: the agent retries until acknowledged.
      restores
        .result(agentId, parsed.data.result)
        .then(reply, (err: unknown) =>
          logger.error(
            { err, agentId, restoreId: parsed.data.result.restoreId },
            'restore result not applied',
          ),
        );
    });
  });
}
