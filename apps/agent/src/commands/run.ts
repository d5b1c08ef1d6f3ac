import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { AgentConfigFile } from '@rahatback/protocol';
import { agentVersion, loadAgentSettings, SettingsError, type AgentSettings } from '../config.js';
import { createEngineDeps } from '../handlers/engine-deps.js';
import { createLogger, type AgentLogger } from '../logger.js';
import { discoverClientTools } from '../tools/discover.js';
import { startAgentSession } from '../transport/agent-session.js';

const usage = `usage: rahatback-agent run [--config FILE]

Connects to the server named in the config file written by "rahatback-agent enroll" and
does what the server asks until stopped (SIGTERM or Ctrl-C stop it gracefully).
Environment: RAHATBACK_AGENT_CONFIG, PG_BIN_DIR, LOG_LEVEL.`;

/** How long a stop waits for cancelled tasks to report their result before giving up. */
const SHUTDOWN_TIMEOUT_MS = 20_000;
/** Exit status when the server refuses the agent for good (revoked, protocol mismatch). */
const EXIT_REFUSED = 3;

export async function run(argv: string[]): Promise<number> {
  let flags: { config?: string | undefined; help?: boolean | undefined };
  try {
    flags = parseArgs({
      args: argv,
      strict: true,
      options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`, 2);
  }
  if (flags.help === true) return print(usage);
  let settings: AgentSettings;
  try {
    settings = loadAgentSettings({ config: flags.config });
  } catch (error) {
    if (error instanceof SettingsError) return fail(error.message, 2);
    throw error;
  }
  const config = await readConfigFile(settings.configPath);
  if (typeof config === 'string') return fail(config, 1);
  const logger = createLogger(settings.logLevel);
  const code = await serve(config, settings, logger);
  logger.flush();
  // A library (a database pool, an SDK) may keep a handle open: do not let it hold the exit.
  setTimeout(() => process.exit(code), 2000).unref();
  return code;
}

async function serve(
  config: AgentConfigFile,
  settings: AgentSettings,
  logger: AgentLogger,
): Promise<number> {
  const pgBinDir = config.pgBinDir ?? settings.pgBinDir;
  const tools = await discoverClientTools({ pgBinDir, searchPath: settings.searchPath });
  logger.info(
    { agentId: config.agentId, serverUrl: config.serverUrl, tools: tools.map((t) => t.name) },
    'agent starting',
  );
  const session = startAgentSession({
    serverUrl: config.serverUrl,
    credential: config.credential,
    agentVersion: agentVersion(),
    hostname: config.hostname ?? hostname(),
    tools,
    logger,
    engine: createEngineDeps({ pgBinDir, tools: settings.tools, logger }),
  });
  const outcome = await Promise.race([
    session.refused.then((refusal) => ({ refusal })),
    stopSignal().then((signal) => ({ signal })),
  ]);
  if ('refusal' in outcome) {
    process.stderr.write(
      `rahatback-agent: the server refused this agent: ${outcome.refusal.message}\n`,
    );
    return EXIT_REFUSED;
  }
  logger.info({ signal: outcome.signal }, 'stopping: cancelling running tasks');
  const isClean = await session.shutdown(SHUTDOWN_TIMEOUT_MS);
  logger.info({ isClean }, 'agent stopped');
  return 0;
}

/** The first SIGTERM/SIGINT stops gracefully; a second one exits at once. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.on('SIGTERM', () => process.exit(143));
      process.on('SIGINT', () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
}

async function readConfigFile(path: string): Promise<AgentConfigFile | string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return `no agent config at ${path}; run "rahatback-agent enroll --server URL --token T" first (or pass --config).`;
  }
  try {
    const parsed = AgentConfigFile.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    return `the agent config at ${path} is incomplete (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}); enroll the agent again.`;
  } catch {
    return `the agent config at ${path} is not valid JSON; enroll the agent again.`;
  }
}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

function fail(text: string, code: number): number {
  process.stderr.write(`rahatback-agent run: ${text}\n`);
  return code;
}
