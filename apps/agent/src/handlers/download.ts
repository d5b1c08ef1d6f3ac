import {
  PROTOCOL_VERSION,
  TRANSFER_SECRET_HEADER,
  TRANSFER_SERVER_HEADER,
  agentTransferPath,
  type AgentCommandAck,
  type AgentCommandPayload,
} from '@rahatback/protocol';
import type { StorageDriver } from '../storage/storage.types.js';
import { toFailure } from './failure.js';
import type { HandlerDeps } from './handler.types.js';
import { putToServer } from './server-upload.js';

type DownloadDeps = Pick<HandlerDeps, 'storageDriverFor' | 'logger' | 'server'>;

/**
 * `download:request`: opens the object on the destination, answers with its size, then PUTs
 * its bytes to the server, which streams them to the user's browser. The answer comes before
 * the upload, so a missing object or an unreachable storage reaches the user as a sentence.
 */
export async function handleDownloadRequest(
  payload: AgentCommandPayload<'download:request'>,
  deps: DownloadDeps,
): Promise<AgentCommandAck<'download:request'>> {
  const { request } = payload;
  const log = deps.logger.child({ transferId: request.transferId });
  let driver: StorageDriver | undefined;
  try {
    driver = await deps.storageDriverFor(request.target);
    const size = await sizeOf(driver, request.objectKey);
    const body = await driver.get(request.objectKey);
    const opened = driver;
    const url = new URL(agentTransferPath(request.transferId), `${deps.server.url}/`);
    log.info({ kind: driver.kind, size }, 'download upload started');
    void putToServer(url, body, {
      size,
      headers: {
        authorization: `Bearer ${deps.server.credential}`,
        [TRANSFER_SECRET_HEADER]: request.secret,
        [TRANSFER_SERVER_HEADER]: request.serverId,
      },
    })
      .then(
        () => log.info('download upload finished'),
        (error: unknown) =>
          log.warn(
            { reason: error instanceof Error ? error.message : String(error) },
            'download upload ended early',
          ),
      )
      .finally(() => void opened.close().catch(() => undefined));
    return { v: PROTOCOL_VERSION, accepted: true, ...(size !== undefined && { size }) };
  } catch (error) {
    await driver?.close().catch(() => undefined);
    return { v: PROTOCOL_VERSION, accepted: false, error: toFailure(error) };
  }
}

/** The object's length, when the destination lists it; unknown is not an error. */
async function sizeOf(driver: StorageDriver, key: string): Promise<number | undefined> {
  const listed = await driver.list(key).catch(() => []);
  return listed.find((object) => object.key === key)?.size;
}
