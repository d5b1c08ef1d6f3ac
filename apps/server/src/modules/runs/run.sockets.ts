import {
  AGENT_NAMESPACE,
  AgentReports,
  PROTOCOL_VERSION,
  type Accepted,
} from '@rahatback/protocol';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { AgentSocketData } from '../../realtime/agent-link.js';
import type { RunReports } from './run.reports.js';

type ReportSocket = {
  data: AgentSocketData;
  on(event: string, listener: (payload: unknown, ack?: unknown) => void): void;
};

/**
 * Listens to every agent socket for backup reports. The agent namespace admits and
 * authenticates the socket; this adds the run's report events next to its handlers.
 */
export function listenToBackupReports(io: Server, reports: RunReports, logger: Logger): void {
  io.of(AGENT_NAMESPACE).on('connection', (raw) => {
    const socket = raw as unknown as ReportSocket;
    const { agentId } = socket.data;

    socket.on('task:progress', (payload) => {
      const parsed = AgentReports['task:progress'].payload.safeParse(payload);
      if (!parsed.success) return;
      reports
        .progress(agentId, parsed.data.progress)
        .catch((err: unknown) => logger.warn({ err, agentId }, 'backup progress not recorded'));
    });

    socket.on('backup:result', (payload, ack) => {
      const reply = typeof ack === 'function' ? (ack as (r: Accepted) => void) : () => undefined;
      const parsed = AgentReports['backup:result'].payload.safeParse(payload);
      if (!parsed.success) {
        reply({
          v: PROTOCOL_VERSION,
          accepted: false,
          error: {
            code: 'PROTOCOL_MISMATCH',
            message:
              'the backup result is not in a form this server understands: upgrade the agent',
          },
        });
        return;
      }
      // No reply on a store error: the agent retries until acknowledged.
      reports
        .result(agentId, parsed.data.result)
        .then(reply, (err: unknown) =>
          logger.error(
            { err, agentId, runId: parsed.data.result.runId },
            'backup result not applied',
          ),
        );
    });
  });
}
