import { z } from 'zod';
import { Failure } from './errors.js';
import { RunSummary } from './runs.js';

export const DatabaseEngine = z.enum(['postgresql', 'mysql', 'mariadb', 'sqlite']);
export type DatabaseEngine = z.infer<typeof DatabaseEngine>;

export const DEFAULT_PORTS: Record<DatabaseEngine, number | null> = {
  postgresql: 5432,
  mysql: 3306,
  mariadb: 3306,
  sqlite: null,
};

export const SslMode = z.enum(['disable', 'prefer', 'require', 'verify-full']);
export type SslMode = z.infer<typeof SslMode>;

export const DatabaseOptions = z
  .object({
    sslMode: SslMode.optional(),
    /** PostgreSQL: custom (`pg_dump -Fc`, default) or plain SQL. */
    dumpFormat: z.enum(['custom', 'plain']).optional(),
    /** Seconds to wait for a connection. */
    connectTimeoutSeconds: z.number().int().min(1).max(120).optional(),
  })
  .strict();
export type DatabaseOptions = z.infer<typeof DatabaseOptions>;

const Id = z.string().min(1).max(64);

/** Host, port and credentials of one database, as the agent needs them to connect. */
export const DatabaseConnection = z.object({
  engine: DatabaseEngine,
  host: z.string().max(255).default(''),
  port: z.number().int().min(1).max(65535).nullable().default(null),
  username: z.string().max(255).default(''),
  password: z.string().max(1024).default(''),
  /** The database name, or for SQLite the absolute path of the file on the agent's host. */
  database: z.string().min(1).max(1024),
  options: DatabaseOptions.default({}),
});
export type DatabaseConnection = z.infer<typeof DatabaseConnection>;

const DatabaseFields = z.object({
  name: z.string().trim().min(1).max(100),
  engine: DatabaseEngine,
  host: z.string().trim().max(255).default(''),
  port: z.number().int().min(1).max(65535).nullable().default(null),
  username: z.string().max(255).default(''),
  password: z.string().max(1024).optional(),
  database: z.string().trim().min(1).max(1024),
  agentId: Id,
  options: DatabaseOptions.default({}),
});

function requireNetworkFields(
  v: { engine?: DatabaseEngine; host?: string; port?: number | null; database?: string },
  ctx: z.RefinementCtx,
): void {
  if (v.engine === undefined) return;
  if (v.engine === 'sqlite') {
    if (v.database !== undefined && !v.database.startsWith('/'))
      ctx.addIssue({
        code: 'custom',
        path: ['database'],
        message: 'for SQLite, give the absolute path of the database file on the agent host',
      });
    return;
  }
  if (v.host !== undefined && v.host === '')
    ctx.addIssue({ code: 'custom', path: ['host'], message: 'host is required' });
  if (v.port === null)
    ctx.addIssue({ code: 'custom', path: ['port'], message: 'port is required' });
}

/** POST /api/v1/databases and POST /api/v1/databases/test-connection. */
export const DatabaseInput = DatabaseFields.superRefine(requireNetworkFields);
export type DatabaseInput = z.infer<typeof DatabaseInput>;

/**
 * PATCH /api/v1/databases/:id: any field; a missing password keeps the sealed one.
 * No defaults here: a field left out keeps its stored value (`.partial()` would still fill
 * `host: ''` and `username: ''` from the create schema's defaults).
 */
export const DatabasePatch = z
  .object({
    name: DatabaseFields.shape.name.optional(),
    engine: DatabaseEngine.optional(),
    host: z.string().trim().max(255).optional(),
    port: z.number().int().min(1).max(65535).nullable().optional(),
    username: z.string().max(255).optional(),
    password: z.string().max(1024).optional(),
    database: DatabaseFields.shape.database.optional(),
    agentId: Id.optional(),
    options: DatabaseOptions.optional(),
  })
  .superRefine(requireNetworkFields);
export type DatabasePatch = z.infer<typeof DatabasePatch>;

/** A database as the API returns it: never the password. */
export const Database = DatabaseFields.omit({ password: true }).extend({
  id: Id,
  hasPassword: z.boolean(),
  /**
   * The newest backup run of this database, whichever job made it (also one since deleted);
   * null when it was never backed up.
   */
  lastBackup: RunSummary.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Database = z.infer<typeof Database>;

export const DatabaseList = z.object({ items: z.array(Database) });
export type DatabaseList = z.infer<typeof DatabaseList>;

/** The answer of a connection test, through HTTP and the agent's acknowledgement alike. */
export const TestConnectionResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), serverVersion: z.string(), latencyMs: z.number() }),
  z.object({ ok: z.literal(false) }).extend(Failure.shape),
]);
export type TestConnectionResult = z.infer<typeof TestConnectionResult>;
