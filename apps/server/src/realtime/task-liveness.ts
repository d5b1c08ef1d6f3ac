import { PROTOCOL_VERSION } from '@rahatback/protocol';
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../db/tables.js';
import type { AgentLink } from './agent-link.js';
import { freshSince } from './presence.js';

/** What a sweeper knows about the agent of one active task (backup run or restore). */
export interface TaskAgentState {
  agent_online: boolean;
  agent_last_seen_at: string | null;
}

/**
 * True once the task's agent has been offline longer than the grace period. A server that just
 * started (`bootAt`) gives agents the grace period to reconnect first.
 */
export function isAgentGone(
  task: TaskAgentState,
  at: number,
  bootAt: number,
  agentGraceMs: number,
): boolean {
  if (task.agent_online) return false;
  const lastSeen = task.agent_last_seen_at === null ? 0 : Date.parse(task.agent_last_seen_at);
  return at - Math.max(lastSeen, bootAt) > agentGraceMs;
}

/** The ids of the tasks the agent says it works on, or undefined when it does not answer. */
export async function runningTasksOf(
  link: Pick<AgentLink, 'sendToAgent'>,
  agentId: string,
  timeoutMs: number,
): Promise<string[] | undefined> {
  try {
    return (await link.sendToAgent(agentId, 'task:list', { v: PROTOCOL_VERSION }, timeoutMs))
      .running;
  } catch {
    return undefined;
  }
}

/**
 * `agent_online` for a query over an active task aliased `r`: true while one of the task's
 * agent's sockets has a fresh heartbeat.
 */
export const taskAgentOnline = (
  eb: ExpressionBuilder<DB & { r: { agent_id: string } }, 'r'>,
  now: Date,
) =>
  eb
    .exists(
      eb
        .selectFrom('agent_connections as c')
        .select('c.socket_id')
        .whereRef('c.agent_id', '=', 'r.agent_id')
        .where('c.heartbeat_at', '>', freshSince(now)),
    )
    .as('agent_online');

/** SQLite answers EXISTS with 1/0, PostgreSQL with true/false. */
export const asBoolean = (value: unknown): boolean => value === true || value === 1;
