import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { AgentConfigFile, type Agent } from '@rahatback/protocol';
import { apiClient } from './api.js';
import { artifactsDir, repoRoot, uniqueSuffix } from './paths.js';

/** The agent CLI run from its TypeScript sources, exactly as a developer runs it. */
const AGENT_COMMAND = [
  '--conditions=rahatback-source',
  '--import',
  'tsx',
  join(repoRoot, 'apps/agent/src/main.ts'),
];

export interface RunningAgent {
  agentId: string;
  /** The name given to `enroll --name`, which the agent reports as its host name. */
  name: string;
  /** The `rahatback-agent run` process. */
  process: ChildProcess;
  configPath: string;
  /** stdout and stderr of enroll and run, for debugging and for secret checks. */
  logPath: string;
  /** Resolves with the exit code once the run process ended. */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<number | null>;
  /** SIGKILL, then waits for the process to exit. */
  kill(): Promise<number | null>;
}

export interface StartAgentOptions {
  name?: string;
  /** Extra environment for the agent process (never secrets through argv). */
  env?: Record<string, string>;
  /** How long to wait for the server to list the agent as online. */
  onlineTimeoutMs?: number;
}

/**
 * Enrolls and runs a real agent process against `serverUrl` for the account of `userToken`:
 * creates a one-time token through the API, runs `rahatback-agent enroll`, then
 * `rahatback-agent run`, and waits until GET /api/v1/agents shows the agent online.
 */
export async function startAgent(
  serverUrl: string,
  userToken: string,
  options: StartAgentOptions = {},
): Promise<RunningAgent> {
  const api = apiClient(serverUrl, userToken);
  const name = options.name ?? `agent-${uniqueSuffix()}`;
  const created = await api.post<{ token: string }>('/api/v1/agents/enrollment-tokens', { name });
  if (created.status !== 201)
    throw new Error(`enrollment token: HTTP ${created.status} ${created.text}`);

  const home = await mkdtemp(join(tmpdir(), 'rahatback-agent-'));
  const configPath = join(home, 'config', 'agent.json');
  const logPath = join(artifactsDir('integration'), `${name}.log`);
  const log = createWriteStream(logPath, { flags: 'a' });
  const env = { ...process.env, HOME: home, LOG_LEVEL: 'debug', ...options.env };

  const enroll = spawnAgent(
    [
      'enroll',
      '--server',
      serverUrl,
      '--token',
      created.body.token,
      '--config',
      configPath,
      '--name',
      name,
    ],
    env,
    log,
  );
  const [enrollCode] = (await once(enroll, 'exit')) as [number | null];
  if (enrollCode !== 0)
    throw new Error(`rahatback-agent enroll exited ${enrollCode}; see ${logPath}`);
  const config = AgentConfigFile.parse(JSON.parse(await readFile(configPath, 'utf8')));

  const child = spawnAgent(['run', '--config', configPath], env, log);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const signalAndWait = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const code = await exited;
    await rm(home, { recursive: true, force: true });
    return code;
  };
  const agent: RunningAgent = {
    agentId: config.agentId,
    name,
    process: child,
    configPath,
    logPath,
    exited,
    stop: () => signalAndWait('SIGTERM'),
    kill: () => signalAndWait('SIGKILL'),
  };
  try {
    await waitForAgentOnline(serverUrl, userToken, config.agentId, true, options.onlineTimeoutMs);
  } catch (error) {
    await agent.kill();
    throw error;
  }
  return agent;
}

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one agent CLI command to its end and collects what it printed. */
export async function runAgentCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<CliOutcome> {
  const child = spawn(process.execPath, [...AGENT_COMMAND, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

function spawnAgent(
  args: string[],
  env: NodeJS.ProcessEnv,
  log: NodeJS.WritableStream,
): ChildProcess {
  const child = spawn(process.execPath, [...AGENT_COMMAND, ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  return child;
}

/** Polls GET /api/v1/agents until the agent's `online` is `isOnline`. */
export async function waitForAgentOnline(
  serverUrl: string,
  userToken: string,
  agentId: string,
  isOnline: boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const api = apiClient(serverUrl, userToken);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const list = await api.get<{ items: Agent[] }>('/api/v1/agents');
    if (list.body.items?.find((a) => a.id === agentId)?.online === isOnline) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `agent ${agentId} did not become ${isOnline ? 'online' : 'offline'} in ${timeoutMs} ms`,
  );
}
