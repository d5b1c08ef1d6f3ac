import {
  PROTOCOL_VERSION,
  type Accepted,
  type DeleteObjectsRequest,
  type DeleteObjectsResult,
  type RestoreRequest,
  type RestoreResult,
} from '@rahatback/protocol';
import { connectBackupAgent, type FakeBackupAgent } from '../jobs/backup-agent.js';

/** The backup fake agent that also takes restores and deletions; `failDeletes` makes deletes fail. */
export interface FakeRestoreAgent extends FakeBackupAgent {
  restores: RestoreRequest[];
  deletes: DeleteObjectsRequest[];
  failDeletes: boolean;
  restoreResult(result: RestoreResult): Promise<Accepted>;
}

export async function connectRestoreAgent(
  baseUrl: string,
  credential: string,
): Promise<FakeRestoreAgent> {
  const base = await connectBackupAgent(baseUrl, credential);
  const { socket } = base;
  const agent: FakeRestoreAgent = Object.assign(base, {
    restores: [] as RestoreRequest[],
    deletes: [] as DeleteObjectsRequest[],
    failDeletes: false,
    async restoreResult(result: RestoreResult) {
      return (await socket
        .timeout(5000)
        .emitWithAck('restore:result', { v: PROTOCOL_VERSION, result })) as Accepted;
    },
  });
  socket.on(
    'restore:execute',
    (payload: { request: RestoreRequest }, ack: (a: Accepted) => void) => {
      agent.restores.push(payload.request);
      ack({ v: PROTOCOL_VERSION, accepted: true });
    },
  );
  socket.on(
    'storage:delete',
    (payload: DeleteObjectsRequest, ack: (a: { v: 1; result: DeleteObjectsResult }) => void) => {
      agent.deletes.push(payload);
      const result: DeleteObjectsResult = agent.failDeletes
        ? {
            deleted: [],
            failed: payload.keys.map((key) => ({
              key,
              error: { code: 'STORAGE_UNREACHABLE', message: 'the bucket did not answer' },
            })),
          }
        : { deleted: payload.keys, failed: [] };
      ack({ v: PROTOCOL_VERSION, result });
    },
  );
  return agent;
}
