import { AgentHandshake, PROTOCOL_VERSION } from '@rahatback/protocol';
import type { Logger } from 'pino';
import { hashToken } from '../crypto/tokens.js';
import type { AgentsRepository } from '../modules/agents/agents.repository.js';
import { agentRoom, type AgentNamespace } from './agent-link.js';
import { freshSince } from './presence.js';
import type { UiPush } from './ui-namespace.js';

export interface AgentNamespaceDeps {
  agents: Pick<
    AgentsRepository,
    'findByCredentialHash' | 'recordConnection' | 'removeConnection' | 'isOnline'
  >;
  ui: UiPush;
  serverId: string;
  logger: Logger;
  now?: () => Date;
}

/** The connect_error message an agent receives: `<CODE>: <sentence>`. */
const refusal = (code: string, sentence: string) => new Error(`${code}: ${sentence}`);

function versionProblem(auth: unknown): Error | undefined {
  const v = (auth as { v?: unknown } | null)?.v;
  if (v === PROTOCOL_VERSION) return undefined;
  const upgrade = typeof v === 'number' && v > PROTOCOL_VERSION ? 'the server' : 'the agent';
  return refusal(
    'PROTOCOL_MISMATCH',
    `agent speaks protocol ${String(v)}, server speaks ${PROTOCOL_VERSION}; upgrade ${upgrade}`,
  );
}

/** Admits agents by credential, records their presence in the store, tells their owner's pages. */
export function setupAgentNamespace(nsp: AgentNamespace, deps: AgentNamespaceDeps): void {
  const now = deps.now ?? (() => new Date());
  const log = deps.logger;

  nsp.use((socket, next) => {
    const mismatch = versionProblem(socket.handshake.auth);
    if (mismatch !== undefined) return next(mismatch);
    const parsed = AgentHandshake.safeParse(socket.handshake.auth);
    if (!parsed.success)
      return next(
        refusal(
          'UNAUTHENTICATED',
          'the agent sent no valid credential; enroll it with a new token',
        ),
      );
    deps.agents.findByCredentialHash(hashToken(parsed.data.credential)).then((agent) => {
      if (agent === undefined)
        return next(
          refusal(
            'AGENT_REVOKED',
            'this agent credential was revoked or is unknown; enroll the agent again with a new token',
          ),
        );
      socket.data = { agentId: agent.id, ownerId: agent.owner_id };
      next();
    }, next);
  });

  nsp.on('connection', (socket) => {
    const { agentId, ownerId } = socket.data;
    const hello = AgentHandshake.parse(socket.handshake.auth);
    void socket.join(agentRoom(agentId));
    const at = now().toISOString();
    const recorded = deps.agents
      .recordConnection(
        {
          socket_id: socket.id,
          agent_id: agentId,
          server_id: deps.serverId,
          connected_at: at,
          heartbeat_at: at,
        },
        {
          hostname: hello.hostname,
          agentVersion: hello.agentVersion,
          toolsJson: JSON.stringify(hello.tools),
        },
      )
      .then(() => {
        log.info({ agentId, hostname: hello.hostname }, 'agent connected');
        deps.ui.pushToUser(ownerId, 'agent:status', {
          v: PROTOCOL_VERSION,
          agentId,
          online: true,
          lastSeenAt: at,
        });
      })
      .catch((err: unknown) => log.error({ err, agentId }, 'agent connection not recorded'));

    socket.on('disconnect', (reason) => {
      void recorded
        .then(async () => {
          const at = now().toISOString();
          await deps.agents.removeConnection(socket.id, agentId, at);
          log.info({ agentId, reason }, 'agent disconnected');
          // Another socket of the same agent may still be open (here or on another replica).
          const stillOnline = await deps.agents.isOnline(agentId, freshSince(now()));
          deps.ui.pushToUser(ownerId, 'agent:status', {
            v: PROTOCOL_VERSION,
            agentId,
            online: stillOnline,
            lastSeenAt: at,
          });
        })
        .catch((err: unknown) => log.error({ err, agentId }, 'agent disconnection not recorded'));
    });
  });
}
