import { PROTOCOL_VERSION } from '@rahatback/protocol';
import type { AgentLink } from './agent-link.js';

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
