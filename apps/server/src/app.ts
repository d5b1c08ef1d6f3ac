import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawServerDefault,
} from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { ServerConfig } from './config.js';
import type { Container } from './container.js';
import { loadSealer } from './crypto/master-key.js';
import { migrateStore, openStore, type Store } from './db/store.js';
import { createEmbeddedAgent, type EmbeddedAgent } from './embedded-agent.js';
import { ensureEmbeddedStorage } from './embedded-storage.js';
import { createLogger } from './logger.js';
import { createAgentsRepository } from './modules/agents/agents.repository.js';
import { createAgentsService } from './modules/agents/agents.service.js';
import { createAuthRepository } from './modules/auth/auth.repository.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { createDatabasesRepository } from './modules/databases/databases.repository.js';
import { createDatabasesService } from './modules/databases/databases.service.js';
import { registerModules } from './modules/index.js';
import { createOrchestration } from './modules/scheduler/orchestration.js';
import { createAuthGuard } from './plugins/auth-guard.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerStaticWeb } from './plugins/static-web.js';
import { createSocketHub } from './realtime/socket-hub.js';

export { loadConfig, ConfigError, type ServerConfig } from './config.js';
export { createLogger } from './logger.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The store, services and socket hub this app was built with. */
    container: Container;
  }
}

export type App = FastifyInstance;

const PRUNE_INTERVAL_MS = 3600_000;

export interface BuildAppOptions {
  /** A pino logger (tests capture its output), `false` for silence; default: pino at LOG_LEVEL. */
  logger?: Logger | boolean;
}

function pickLogger(config: ServerConfig, option: Logger | boolean | undefined): Logger {
  if (option === false) return createLogger('silent');
  if (option === undefined || option === true) return createLogger(config.logLevel);
  return option;
}

/** Builds the whole server — HTTP API, sockets, store (migrated) — without listening. */
export async function buildApp(config: ServerConfig, options: BuildAppOptions = {}): Promise<App> {
  const logger = pickLogger(config, options.logger);
  const store = openStore({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    logger,
  });
  try {
    return await assemble(config, logger, store);
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function assemble(config: ServerConfig, logger: Logger, store: Store): Promise<App> {
  await migrateStore(store);
  const sealer = await loadSealer({
    configuredKey: config.masterKey,
    keyFile: config.masterKeyFile,
    db: store.db,
  });

  const app = Fastify<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    loggerInstance: logger,
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('caller', null);

  const repos = { auth: createAuthRepository(store.db), agents: createAgentsRepository(store.db) };
  let embeddedAgent: EmbeddedAgent | undefined;
  const auth = createAuthService({
    repo: repos.auth,
    onAccountCreated: async (user, isFirst) => {
      if (!isFirst || embeddedAgent === undefined) return;
      await embeddedAgent.ensureFor(user);
      await ensureEmbeddedStorage(
        {
          dataDir: config.dataDir,
          agents: repos.agents,
          storages: orchestration.services.storages,
        },
        user,
      );
    },
  });
  const hub = createSocketHub({
    httpServer: app.server,
    pool: store.pool,
    agents: repos.agents,
    auth,
    serverId: config.serverId,
    logger,
  });
  if (config.embeddedAgent)
    embeddedAgent = createEmbeddedAgent({
      config,
      agents: repos.agents,
      logger: logger.child({ component: 'embedded-agent' }),
    });

  const orchestration = createOrchestration({
    store,
    sealer,
    hub,
    logger,
    options: {
      isSchedulerEnabled: config.scheduler.isEnabled,
      schedulerIntervalMs: config.scheduler.intervalMs,
      sweepIntervalMs: config.scheduler.sweepIntervalMs,
      agentGraceMs: config.scheduler.agentGraceMs,
    },
  });

  const container: Container = {
    config,
    orchestration,
    store,
    sealer,
    guard: createAuthGuard(auth),
    hub,
    repos,
    embeddedAgent,
    services: {
      auth,
      agents: createAgentsService({
        repo: repos.agents,
        link: hub,
        ui: hub,
        publicUrl: config.isPublicUrlSet ? config.publicUrl : undefined,
      }),
      databases: createDatabasesService({
        repo: createDatabasesRepository(store.db),
        sealer,
        link: hub,
      }),
      ...orchestration.services,
    },
  };

  app.decorate('container', container);
  await app.register(cookie);
  registerErrorHandler(app);
  await registerOpenApi(app);
  registerModules(app, container);
  await registerStaticWeb(app, config.webDir);

  // Open websockets would keep the HTTP server from closing: end them before Fastify waits.
  app.addHook('preClose', async () => {
    await orchestration.stop();
    await embeddedAgent?.stop();
    await hub.close();
  });
  const pruneTimer = setInterval(() => {
    auth
      .pruneExpired()
      .catch((err: unknown) => logger.warn({ err }, 'pruning expired sessions failed'));
  }, PRUNE_INTERVAL_MS).unref();
  app.addHook('onClose', async () => {
    clearInterval(pruneTimer);
    await store.close();
  });
  await hub.start();
  orchestration.start();
  await app.ready();
  return app;
}
