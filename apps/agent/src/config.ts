import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import type { ToolEnvironment } from './connectors/child-process.js';

/**
 * The agent's own settings: where its config file lives, where PostgreSQL clients are,
 * how much to log. Parsed once by the command that needs them; nothing else in the agent
 * reads `process.env` (the offline CLI commands read their credential variables themselves).
 */
// An empty variable (`FOO= rahatback-agent run`) means unset, as shells users expect.
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);

export const AgentEnv = z.object({
  RAHATBACK_AGENT_CONFIG: z.preprocess(unsetIfEmpty, z.string().optional()),
  PG_BIN_DIR: z.preprocess(
    unsetIfEmpty,
    z.string().refine(isAbsolute, { message: 'must be an absolute folder' }).optional(),
  ),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  HOME: z.string().optional(),
  /** Where client tools (mysqldump, sqlite3, …) are looked for. */
  PATH: z.string().default(''),
});
export type AgentEnv = z.infer<typeof AgentEnv>;

export interface AgentSettings {
  /** The JSON file written by `enroll` and read by `run`. */
  configPath: string;
  /** Overrides where PostgreSQL client binaries are looked for. */
  pgBinDir: string | undefined;
  logLevel: AgentEnv['LOG_LEVEL'];
  /** The PATH searched for database client tools. */
  searchPath: string;
  /** What client tools are started with. */
  tools: ToolEnvironment;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

/** The default location, documented in the README: `~/.config/rahatback/agent.json`. */
export function defaultConfigPath(home: string = homedir()): string {
  return join(home, '.config', 'rahatback', 'agent.json');
}

/**
 * Reads the settings from the environment and the `--config` flag (the flag wins).
 * Throws a SettingsError listing every problem, so the command can print it and exit 2.
 */
export function loadAgentSettings(
  flags: { config?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): AgentSettings {
  const parsed = AgentEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new SettingsError(`invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const chosen = flags.config ?? e.RAHATBACK_AGENT_CONFIG;
  return {
    configPath: chosen === undefined ? defaultConfigPath(e.HOME ?? homedir()) : resolve(chosen),
    pgBinDir: e.PG_BIN_DIR,
    logLevel: e.LOG_LEVEL,
    searchPath: e.PATH,
    tools: toolEnvironment(env),
  };
}

/**
 * The variables a client tool inherits from the agent: enough to find its libraries and
 * speak the host's locale, nothing that could point it elsewhere (PGHOST, PGSERVICE,
 * MYSQL_HOST, a HOME with a .my.cnf or .pgpass); the connector adds the connection's own.
 */
const TOOL_VARIABLES = [
  'PATH',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'LC_MESSAGES',
  'TZ',
  'TMPDIR',
];

/** Where client tools are searched for and what they start with, from the environment. */
export function toolEnvironment(env: NodeJS.ProcessEnv = process.env): ToolEnvironment {
  const baseEnv: Record<string, string> = {};
  for (const name of TOOL_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') baseEnv[name] = value;
  }
  return { searchPath: env['PATH'] ?? '', baseEnv };
}

// package.json sits one folder above both src/ and dist/, so this works built or not. Read on
// first use: commands that never announce a version (backup, restore) do not need the file.
let version: string | undefined;

/** The agent's version, as announced to the server. */
export function agentVersion(): string {
  version ??= z
    .object({ version: z.string() })
    .parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))).version;
  return version;
}
