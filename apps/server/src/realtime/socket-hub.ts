import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import { AGENT_NAMESPACE, UI_NAMESPACE } from '@rahatback/protocol';
import type pg from 'pg';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { AgentsRepository } from '../modules/agents/agents.repository.js';
import type { AuthService } from '../modules/auth/auth.service.js';
import { createAgentLink, type AgentLink, type AgentNamespace } from './agent-link.js';
import { setupAgentNamespace } from './agent-namespace.js';
import { HEARTBEAT_INTERVAL_MS } from './presence.js';
import { setupUiNamespace, type UiNamespace, type UiPush } from './ui-namespace.js';

export interface SocketHubDeps {
  httpServer: HttpServer;
  /** PostgreSQL store: replicas share events through it. */
  pool: pg.Pool | undefined;
  agents: AgentsRepository;
  auth: Pick<AuthService, 'authenticate'>;
  serverId: string;
  logger: Logger;
}

export interface SocketHub extends AgentLink, UiPush {
  io: Server;
  /** Clears the connection rows a previous run of this server left, then heartbeats its own. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** socket.io on the server's HTTP port: `/agent` for agents, `/ui` for browsers. */
export function createSocketHub(deps: SocketHubDeps): SocketHub {
  const io = new Server(deps.httpServer, {
    path: '/socket.io',
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 5_000,
    maxHttpBufferSize: 10 * 1024 * 1024,
  });
  if (deps.pool !== undefined)
    io.adapter(
      createAdapter(deps.pool, {
        errorHandler: (err) => deps.logger.warn({ err }, 'socket.io adapter error'),
      }),
    );

  // One server, two namespaces with different event maps: each is typed where it is taken.
  const uiNamespace = io.of(UI_NAMESPACE) as unknown as UiNamespace;
  const agentNamespace = io.of(AGENT_NAMESPACE) as unknown as AgentNamespace;
  const ui = setupUiNamespace(uiNamespace, deps.auth);
  setupAgentNamespace(agentNamespace, {
    agents: deps.agents,
    ui,
    serverId: deps.serverId,
    logger: deps.logger.child({ component: 'agent-hub' }),
  });
  const link = createAgentLink(io);
  let timer: NodeJS.Timeout | undefined;

  const beat = () =>
    deps.agents
      .heartbeat(deps.serverId, new Date().toISOString())
      .catch((err: unknown) => deps.logger.warn({ err }, 'agent heartbeat not recorded'));

  return {
    io,
    ...link,
    ...ui,
    async start() {
      await deps.agents.removeConnectionsOfServer(deps.serverId);
      timer = setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);
      timer.unref();
    },
    async close() {
      clearInterval(timer);
      // Like io.close(), but leaves the HTTP server to Fastify, and closes only this
      // replica's sockets (a broadcast disconnect would cut other replicas' agents too).
      for (const nsp of [io.sockets, uiNamespace, agentNamespace]) {
        for (const socket of nsp.sockets.values()) socket.disconnect(true);
        await nsp.adapter.close();
      }
      io.engine.close();
      await deps.agents.removeConnectionsOfServer(deps.serverId);
    },
  };
}
