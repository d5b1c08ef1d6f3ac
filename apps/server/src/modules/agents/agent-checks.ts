import { AppError } from '../../errors.js';

/** The caller named an agent that is not one of theirs, or one that was revoked. */
export const unknownAgentError = () =>
  new AppError(
    'VALIDATION_FAILED',
    'agentId: none of your agents has this id; choose one from the Agents page',
    { issues: [{ path: 'agentId', message: 'none of your agents has this id' }] },
  );

/** The caller's live agent that `lookup` found, or a refusal naming the agentId field. */
export async function requireOwnAgent<A>(lookup: Promise<A | undefined>): Promise<A> {
  const agent = await lookup;
  if (agent === undefined) throw unknownAgentError();
  return agent;
}

/**
 * Runs a test through an agent. An offline or silent agent is a failed test the page can show
 * next to the form, not an HTTP error; any other error still throws.
 */
export async function agentTestOutcome<R>(
  send: () => Promise<R>,
): Promise<R | { ok: false; code: 'AGENT_OFFLINE' | 'AGENT_TIMEOUT'; message: string }> {
  try {
    return await send();
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.code === 'AGENT_OFFLINE' || error.code === 'AGENT_TIMEOUT')
    )
      return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
