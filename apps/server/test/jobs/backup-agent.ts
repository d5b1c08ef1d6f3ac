import {
  PROTOCOL_VERSION,
  type Accepted,
  type BackupRequest,
  type BackupResult,
  type TaskProgress,
} from '@rahatback/protocol';
import type { Socket } from 'socket.io-client';
import { connectAgent } from '../fake-agent.js';

/** A socket.io client that plays an agent running backups: it accepts, reports and cancels on request. */
export interface FakeBackupAgent {
  socket: Socket;
  requests: BackupRequest[];
  cancelled: string[];
  result(result: BackupResult): Promise<Accepted>;
  progress(progress: TaskProgress): void;
  close(): void;
}

export function successOf(request: BackupRequest): BackupResult {
  return {
    runId: request.runId,
    status: 'success',
    objectKey: `shop/2026-11-27T02-30-00Z_${request.runId}.sql.zst.rbk`,
    rawSize: 4096,
    storedSize: 1024,
    sha256: 'a'.repeat(64),
    durationMs: 1500,
    encrypted: request.encryption !== null,
    compression: request.compression.algorithm,
    clientToolVersion: 'pg_dump (PostgreSQL) 15.4',
    serverVersion: '15.4',
    destinations: request.destinations.map((d) => ({
      storageId: d.storageId,
      ok: true,
      objectKey: `shop/2026-11-27T02-30-00Z_${request.runId}.sql.zst.rbk`,
      storedSize: 1024,
      sha256: 'a'.repeat(64),
    })),
    logTail: ['pg_dump: done'],
  };
}

export async function connectBackupAgent(
  baseUrl: string,
  credential: string,
): Promise<FakeBackupAgent> {
  const socket = await connectAgent(baseUrl, { credential });
  const requests: BackupRequest[] = [];
  const cancelled: string[] = [];
  const running = new Set<string>();
  const agent: FakeBackupAgent = {
    socket,
    requests,
    cancelled,
    async result(result) {
      running.delete(result.runId);
      return (await socket
        .timeout(5000)
        .emitWithAck('backup:result', { v: PROTOCOL_VERSION, result })) as Accepted;
    },
    progress(progress) {
      socket.emit('task:progress', { v: PROTOCOL_VERSION, progress });
    },
    close: () => socket.close(),
  };
  socket.on('backup:execute', (payload: { request: BackupRequest }, ack: (a: Accepted) => void) => {
    requests.push(payload.request);
    running.add(payload.request.runId);
    ack({ v: PROTOCOL_VERSION, accepted: true });
  });
  socket.on(
    'task:cancel',
    (payload: { taskId: string }, ack: (a: { v: 1; found: boolean }) => void) => {
      const found = running.has(payload.taskId);
      cancelled.push(payload.taskId);
      ack({ v: PROTOCOL_VERSION, found });
      const request = requests.find((r) => r.runId === payload.taskId);
      if (found && request !== undefined)
        agent
          .result({
            ...successOf(request),
            status: 'cancelled',
            destinations: [],
            error: { code: 'CANCELLED', message: 'the backup was cancelled' },
          })
          // The test may close the socket before the ack.
          .catch(() => undefined);
    },
  );
  socket.on('task:list', (_payload: unknown, ack: (a: { v: 1; running: string[] }) => void) =>
    ack({ v: PROTOCOL_VERSION, running: [...running] }),
  );
  return agent;
}
