import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Thrown when the environment does not describe a server that can start; lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`RahatBack cannot start, its configuration is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

// Resolved from this file so that src/ (tests, tsx) and dist/ (npm start) both find the siblings.
const besideServer = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'use true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const masterKey = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    const key = Buffer.from(v, 'base64');
    if (key.length !== 32) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be 32 bytes in base64 (generate one with `openssl rand -base64 32`)',
      });
      return z.NEVER;
    }
    return key;
  });

const databaseUrl = z
  .string()
  .optional()
  .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v), {
    message: 'use a postgres://user:password@host:5432/db URL, or leave it unset for SQLite',
  })
  .transform((v) => (v === undefined || v === '' ? undefined : v));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  RAHATBACK_DATA_DIR: z.string().min(1).default('./data'),
  RAHATBACK_DATABASE_URL: databaseUrl,
  RAHATBACK_MASTER_KEY: masterKey,
  RAHATBACK_PUBLIC_URL: z
    .string()
    .url({ message: 'must be a URL such as https://backups.example.com' })
    .optional(),
  RAHATBACK_EMBEDDED_AGENT: flag(true),
  RAHATBACK_WEB_DIR: z.string().min(1).optional(),
  RAHATBACK_AGENT_ENTRY: z.string().min(1).optional(),
  RAHATBACK_SERVER_ID: z.string().min(1).max(100).optional(),
  RAHATBACK_TRUST_PROXY: flag(false),
  /** Off = this replica never fires scheduled runs (tests, or a replica kept for the API). */
  RAHATBACK_SCHEDULER: flag(true),
  RAHATBACK_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  RAHATBACK_RUN_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  /** How long an agent may stay away during a run before the run fails. */
  RAHATBACK_AGENT_GRACE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(90),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Unset = SQLite at `sqlitePath`. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  /** Unset = read or create `masterKeyFile`. */
  masterKey: Buffer | undefined;
  masterKeyFile: string;
  publicUrl: string;
  /** False when RAHATBACK_PUBLIC_URL is unset: commands then name the address the browser used. */
  isPublicUrlSet: boolean;
  embeddedAgent: boolean;
  embeddedAgentConfigFile: string;
  agentEntry: string;
  webDir: string;
  /** Names this process's rows of connection state, so a restart can clear them. */
  serverId: string;
  trustProxy: boolean;
  logLevel: string;
  scheduler: {
    isEnabled: boolean;
    intervalMs: number;
    sweepIntervalMs: number;
    agentGraceMs: number;
  };
}

/** Parses the environment once; nothing else in the server reads `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  // `FOO=` in a compose file or a shell means "not set", not "set to nothing".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = resolve(e.RAHATBACK_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.RAHATBACK_DATABASE_URL,
    sqlitePath: resolve(dataDir, 'rahatback.db'),
    masterKey: e.RAHATBACK_MASTER_KEY,
    masterKeyFile: resolve(dataDir, 'master.key'),
    publicUrl: (e.RAHATBACK_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    isPublicUrlSet: e.RAHATBACK_PUBLIC_URL !== undefined,
    embeddedAgent: e.RAHATBACK_EMBEDDED_AGENT,
    embeddedAgentConfigFile: resolve(dataDir, 'embedded-agent.json'),
    agentEntry: resolve(e.RAHATBACK_AGENT_ENTRY ?? besideServer('../../agent/dist/main.js')),
    webDir: resolve(e.RAHATBACK_WEB_DIR ?? besideServer('../../web/dist')),
    serverId: e.RAHATBACK_SERVER_ID ?? hostname(),
    trustProxy: e.RAHATBACK_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    scheduler: {
      isEnabled: e.RAHATBACK_SCHEDULER,
      intervalMs: e.RAHATBACK_SCHEDULER_INTERVAL_MS,
      sweepIntervalMs: e.RAHATBACK_RUN_SWEEP_INTERVAL_MS,
      agentGraceMs: e.RAHATBACK_AGENT_GRACE_SECONDS * 1000,
    },
  };
}
