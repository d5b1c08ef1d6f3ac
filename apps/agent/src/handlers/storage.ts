import {
  PROTOCOL_VERSION,
  type AgentCommandAck,
  type AgentCommandPayload,
  type DeleteObjectsResult,
} from '@rahatback/protocol';
import { toFailure } from './failure.js';
import type { HandlerDeps } from './handler.types.js';

type StorageDeps = Pick<HandlerDeps, 'storageDriverFor' | 'logger'>;

/** `storage:test`: write, read back and delete a probe object at the destination. */
export async function handleStorageTest(
  payload: AgentCommandPayload<'storage:test'>,
  deps: StorageDeps,
): Promise<AgentCommandAck<'storage:test'>> {
  const kind = payload.target.config.kind;
  try {
    const driver = await deps.storageDriverFor(payload.target);
    try {
      const result = await driver.test();
      deps.logger.info({ kind, ok: result.ok }, 'storage tested');
      return { v: PROTOCOL_VERSION, result };
    } finally {
      await driver.close().catch(() => undefined);
    }
  } catch (error) {
    return { v: PROTOCOL_VERSION, result: { ok: false, ...toFailure(error) } };
  }
}

/** `storage:delete`: delete each key (retention), reporting every key as deleted or failed. */
export async function handleStorageDelete(
  payload: AgentCommandPayload<'storage:delete'>,
  deps: StorageDeps,
): Promise<AgentCommandAck<'storage:delete'>> {
  const result: DeleteObjectsResult = { deleted: [], failed: [] };
  try {
    const driver = await deps.storageDriverFor(payload.target);
    try {
      for (const key of payload.keys) {
        try {
          await driver.delete(key);
          result.deleted.push(key);
        } catch (error) {
          result.failed.push({ key, error: toFailure(error) });
        }
      }
    } finally {
      await driver.close().catch(() => undefined);
    }
  } catch (error) {
    const failure = toFailure(error);
    const untouched = payload.keys.filter((key) => !result.deleted.includes(key));
    result.failed = untouched.map((key) => ({ key, error: failure }));
  }
  deps.logger.info(
    {
      kind: payload.target.config.kind,
      deleted: result.deleted.length,
      failed: result.failed.length,
    },
    'storage objects deleted',
  );
  return { v: PROTOCOL_VERSION, result };
}
