import {
  AGENT_NAMESPACE,
  AgentCommands,
  type AgentCommandAck,
  type AgentCommandName,
  type AgentCommandPayload,
  type AgentToServerEvents,
  type ServerToAgentEvents,
} from '@rahatback/protocol';
import type { Namespace, Server } from 'socket.io';
import { AppError } from '../errors.js';

export type AgentSocketData = { agentId: string; ownerId: string };
export type AgentNamespace = Namespace<
  AgentToServerEvents,
  ServerToAgentEvents,
  object,
  AgentSocketData
>;

export const agentRoom = (agentId: string) => `agent:${agentId}`;

/** Commands to agents, wherever (which replica) their socket lives. */
export interface AgentLink {
  /**
   * Sends a command and waits for the agent's acknowledgement, parsed with the protocol.
   * Throws AGENT_OFFLINE when no socket of the agent is connected, AGENT_TIMEOUT when none
   * answered in time — which means "unknown", not "not received".
   */
  sendToAgent: <E extends AgentCommandName>(
    agentId: string,
    event: E,
    payload: AgentCommandPayload<E>,
    timeoutMs: number,
    agentName?: string,
  ) => Promise<AgentCommandAck<E>>;
  /** Closes every socket of the agent, on every replica. */
  disconnectAgent: (agentId: string) => void;
}

type LooseEmitter = { emitWithAck(event: string, payload: unknown): Promise<unknown[]> };

export function createAgentLink(io: Server): AgentLink {
  const nsp = io.of(AGENT_NAMESPACE) as unknown as AgentNamespace;
  return {
    async sendToAgent(agentId, event, payload, timeoutMs, agentName) {
      const label = agentName ?? agentId;
      // The typed broadcast signature cannot follow a generic event name; the ack is parsed below.
      const target = nsp.to(agentRoom(agentId)).timeout(timeoutMs) as unknown as LooseEmitter;
      let replies: unknown[];
      try {
        replies = await target.emitWithAck(event, payload);
      } catch (cause) {
        throw new AppError(
          'AGENT_TIMEOUT',
          `agent "${label}" did not answer within ${Math.round(timeoutMs / 1000)} s: check its host and its log, then try again`,
          { cause },
        );
      }
      if (replies.length === 0)
        throw new AppError(
          'AGENT_OFFLINE',
          `agent "${label}" is offline: start it with \`rahatback-agent run\` on its host`,
        );
      const parsed = AgentCommands[event].ack.safeParse(replies[0]);
      if (!parsed.success)
        throw new AppError(
          'PROTOCOL_MISMATCH',
          `agent "${label}" answered ${event} in a form this server does not understand: upgrade the agent to the server's version`,
        );
      return parsed.data as AgentCommandAck<typeof event>;
    },
    disconnectAgent(agentId) {
      nsp.in(agentRoom(agentId)).disconnectSockets(true);
    },
  };
}
