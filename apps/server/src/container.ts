import type { ServerConfig } from './config.js';
import type { Sealer } from './crypto/sealer.js';
import type { Store } from './db/store.js';
import type { EmbeddedAgent } from './embedded-agent.js';
import type { AgentsRepository } from './modules/agents/agents.repository.js';
import type { AgentsService } from './modules/agents/agents.service.js';
import type { AuthRepository } from './modules/auth/auth.repository.js';
import type { AuthService } from './modules/auth/auth.service.js';
import type { DatabasesService } from './modules/databases/databases.service.js';
import type { JobsService } from './modules/jobs/jobs.service.js';
import type { RunsService } from './modules/runs/runs.service.js';
import type { Orchestration } from './modules/scheduler/orchestration.js';
import type { StoragesService } from './modules/storages/storages.service.js';
import type { AuthGuard } from './plugins/auth-guard.js';
import type { SocketHub } from './realtime/socket-hub.js';

/** What modules receive at registration. Services take narrower deps; see their factories. */
export interface Container {
  config: ServerConfig;
  store: Store;
  sealer: Sealer;
  guard: AuthGuard;
  hub: SocketHub;
  repos: { auth: AuthRepository; agents: AgentsRepository };
  services: {
    auth: AuthService;
    agents: AgentsService;
    databases: DatabasesService;
    storages: StoragesService;
    jobs: JobsService;
    runs: RunsService;
  };
  /** Runs, the sweeper and the scheduler; `onRunFinished` is where retention and notifications plug in. */
  orchestration: Orchestration;
  embeddedAgent: EmbeddedAgent | undefined;
}
