import {
  PROTOCOL_VERSION,
  type AgentCommandAck,
  type AgentCommandPayload,
} from '@rahatback/protocol';
import { toFailure } from './failure.js';
import type { HandlerDeps } from './handler.types.js';

/** `database:test`: connect with the given credentials and ask the server its version. */
export async function handleDatabaseTest(
  payload: AgentCommandPayload<'database:test'>,
  deps: Pick<HandlerDeps, 'connectorFor' | 'logger'>,
): Promise<AgentCommandAck<'database:test'>> {
  const { connection } = payload;
  const log = deps.logger.child({ engine: connection.engine, host: connection.host });
  try {
    const result = await deps.connectorFor(connection.engine).testConnection(connection);
    log.info({ ok: result.ok, code: result.ok ? undefined : result.code }, 'connection tested');
    return { v: PROTOCOL_VERSION, result };
  } catch (error) {
    const failure = toFailure(error);
    log.warn({ code: failure.code }, 'connection test failed unexpectedly');
    return { v: PROTOCOL_VERSION, result: { ok: false, ...failure } };
  }
}
