import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cp, mkdir } from 'node:fs/promises';
import { pino } from 'pino';
import { buildApp, createLogger, loadConfig } from '../../../server/src/app.js';
import { toUser } from '../../../server/src/modules/auth/auth.service.js';
import { type Child, freePort, REPO_ROOT, startChild, tempDir } from './processes.js';

const exec = promisify(execFile);
const WEB_DIST = join(REPO_ROOT, 'apps/web/dist');

/** The server, serving the built web app (`npm run build -w @rahatback/web` first). */
export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

export interface ServerOptions {
  /**
   * Runs the agent that `npm start` runs beside the server (the compiled one in
   * apps/agent/dist), as a newcomer gets it; off, the story enrolls its own agent.
   */
  isEmbeddedAgentOn?: boolean;
}

/**
 * Builds the real server in this process on a port chosen beforehand, so that its public URL,
 * and with it the enrollment command the Agents page shows, names the address it listens on.
 */
export async function startServerWithWeb(
  name: string,
  { isEmbeddedAgentOn = false }: ServerOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = await tempDir('rahatback-e2e-server-');
  const url = `http://127.0.0.1:${port}`;
  // A snapshot of the built app: a rebuild during the run would otherwise swap the chunks
  // that the open page still asks for.
  const webDir = join(dataDir.path, 'web');
  await waitForBuiltWeb();
  await cp(WEB_DIST, webDir, { recursive: true });
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    RAHATBACK_DATA_DIR: dataDir.path,
    RAHATBACK_PUBLIC_URL: url,
    RAHATBACK_WEB_DIR: webDir,
    RAHATBACK_EMBEDDED_AGENT: String(isEmbeddedAgentOn),
    LOG_LEVEL: 'info',
  });
  if (isEmbeddedAgentOn && !existsSync(config.agentEntry))
    throw new Error(
      `the embedded agent runs ${config.agentEntry}, which is not built: run \`npm run build\` first`,
    );
  const logDir = join(REPO_ROOT, 'artifacts/e2e');
  await mkdir(logDir, { recursive: true });
  const logger = createLogger(
    'info',
    pino.destination({ dest: join(logDir, `server-${name}.log`), sync: true }),
  );
  const app = await buildApp(config, { logger });
  await app.listen({ port, host: '127.0.0.1' });
  // As main.ts does: the agent starts as soon as the first account exists.
  const { embeddedAgent, repos } = app.container;
  await embeddedAgent?.start(async () => {
    const admin = await repos.auth.findFirstAdmin();
    return admin === undefined ? undefined : toUser(admin);
  });
  return {
    url,
    stop: async () => {
      await app.close();
      await dataDir.remove();
    },
  };
}

/** Waits out a web build that another command has under way (it empties dist/ first). */
async function waitForBuiltWeb(timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(join(WEB_DIST, 'index.html'))) {
    if (Date.now() > deadline)
      throw new Error(`no built web app in ${WEB_DIST}: run \`npm run build -w @rahatback/web\``);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Runs the enrollment command exactly as the Agents page shows it (from the repository root,
 * where `npx rahatback-agent` resolves to the workspace's agent), then starts `run`.
 */
export async function enrollAndRunAgent(
  shownCommand: string,
  /** Overrides for the agent's environment, e.g. a PATH without some client tools. */
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Child & { remove: () => Promise<void> }> {
  const configDir = await tempDir('rahatback-e2e-agent-');
  const env = {
    ...process.env,
    ...extraEnv,
    RAHATBACK_AGENT_CONFIG: join(configDir.path, 'agent.json'),
    LOG_LEVEL: 'warn',
  };
  await exec('/bin/sh', ['-c', shownCommand], { cwd: REPO_ROOT, env, timeout: 60_000 });
  const agent = startChild(
    process.execPath,
    [join(REPO_ROOT, 'apps/agent/bin/rahatback-agent.js'), 'run'],
    env,
  );
  return {
    ...agent,
    remove: async () => {
      await agent.stop();
      await configDir.remove();
    },
  };
}
