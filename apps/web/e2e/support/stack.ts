import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Child, freePort, REPO_ROOT, startChild, tempDir, waitFor } from './processes.js';

const exec = promisify(execFile);

/** The built server (`npm run build` first), on its own port and data folder. */
export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

export async function startBuiltServer(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = await tempDir('rahatback-e2e-server-');
  const url = `http://127.0.0.1:${port}`;
  const server = startChild(process.execPath, [join(REPO_ROOT, 'apps/server/dist/main.js')], {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    RAHATBACK_DATA_DIR: dataDir.path,
    RAHATBACK_PUBLIC_URL: url,
    // The story enrolls its own agent through the UI; an embedded one would hide that step.
    RAHATBACK_EMBEDDED_AGENT: 'false',
    LOG_LEVEL: 'warn',
  });
  await waitFor('the server to answer /api/v1/health', async () => {
    if (server.process.exitCode !== null)
      throw new Error(`the server exited early:\n${server.output()}`);
    const response = await fetch(`${url}/api/v1/health`);
    return response.ok ? true : undefined;
  }).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${server.output()}`);
  });
  return {
    url,
    stop: async () => {
      await server.stop();
      await dataDir.remove();
    },
  };
}

/**
 * Runs the enrollment command exactly as the Agents page shows it (from the repository root,
 * where `npx rahatback-agent` resolves to the workspace's agent), then starts `run`.
 */
export async function enrollAndRunAgent(
  shownCommand: string,
): Promise<Child & { remove: () => Promise<void> }> {
  const configDir = await tempDir('rahatback-e2e-agent-');
  const env = {
    ...process.env,
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
