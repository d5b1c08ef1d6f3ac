import {
  DatabaseInput,
  DatabaseOptions,
  PROTOCOL_VERSION,
  type Database,
  type DatabaseConnection,
  type DatabaseEngine,
  type DatabasePatch,
  type TestConnectionResult,
} from '@rahatback/protocol';
import type { Sealer } from '../../crypto/sealer.js';
import type { BackupRunRow } from '../../db/backups.tables.js';
import type { DatabaseRow } from '../../db/tables.js';
import { AppError, notFound } from '../../errors.js';
import type { AgentLink } from '../../realtime/agent-link.js';
import { agentTestOutcome, requireOwnAgent } from '../agents/agent-checks.js';
import { toRunSummary } from '../runs/run.mapper.js';
import type { DatabasesRepository } from './databases.repository.js';

const DEFAULT_CONNECT_TIMEOUT_S = 10;
// The agent needs time beyond the connect timeout to start, ask the version and answer.
const ACK_MARGIN_MS = 5_000;

export interface DatabasesServiceDeps {
  repo: DatabasesRepository;
  sealer: Sealer;
  link: Pick<AgentLink, 'sendToAgent'>;
  now?: () => Date;
}

const passwordIdentity = (id: string) => `databases:${id}:password`;

type ConnectionFields = Omit<DatabaseConnection, 'password'>;

/** Only what the agent needs to connect crosses the wire. */
const connectionOf = (f: ConnectionFields, password: string): DatabaseConnection => ({
  engine: f.engine,
  host: f.host,
  port: f.port,
  username: f.username,
  password,
  database: f.database,
  options: f.options,
});

export const toDatabase = (row: DatabaseRow, lastRun: BackupRunRow | undefined): Database => ({
  id: row.id,
  name: row.name,
  engine: row.engine as DatabaseEngine,
  host: row.host,
  port: row.port,
  username: row.username,
  database: row.database_name,
  agentId: row.agent_id,
  options: DatabaseOptions.catch({}).parse(JSON.parse(row.options_json)),
  hasPassword: row.sealed_password !== null,
  lastBackup: lastRun === undefined ? null : toRunSummary(lastRun),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createDatabasesService({
  repo,
  sealer,
  link,
  now = () => new Date(),
}: DatabasesServiceDeps) {
  const ownAgent = (ownerId: string, agentId: string) =>
    requireOwnAgent(repo.findOwnAgent(ownerId, agentId));

  async function findOwn(ownerId: string, id: string): Promise<DatabaseRow> {
    const row = await repo.find(ownerId, id);
    if (row === undefined) throw notFound(`database ${id}`);
    return row;
  }

  async function test(
    ownerId: string,
    agentId: string,
    connection: DatabaseConnection,
  ): Promise<TestConnectionResult> {
    const agent = await ownAgent(ownerId, agentId);
    const timeoutMs =
      (connection.options.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_S) * 1000 +
      ACK_MARGIN_MS;
    return agentTestOutcome(async () => {
      const ack = await link.sendToAgent(
        agent.id,
        'database:test',
        { v: PROTOCOL_VERSION, connection },
        timeoutMs,
        agent.name,
      );
      return ack.result;
    });
  }

  /** The database as the API shows it, with its last backup. */
  async function viewOf(ownerId: string, row: DatabaseRow): Promise<Database> {
    return toDatabase(row, (await repo.lastRunsOf(ownerId, row.id)).get(row.id));
  }

  return {
    async list(ownerId: string): Promise<Database[]> {
      const [rows, lastRuns] = await Promise.all([repo.list(ownerId), repo.lastRunsOf(ownerId)]);
      return rows.map((row) => toDatabase(row, lastRuns.get(row.id)));
    },

    get: async (ownerId: string, id: string) => viewOf(ownerId, await findOwn(ownerId, id)),

    async create(ownerId: string, input: DatabaseInput): Promise<Database> {
      await ownAgent(ownerId, input.agentId);
      const id = crypto.randomUUID();
      const at = now().toISOString();
      const row: DatabaseRow = {
        id,
        owner_id: ownerId,
        agent_id: input.agentId,
        name: input.name,
        engine: input.engine,
        host: input.host,
        port: input.port,
        username: input.username,
        database_name: input.database,
        sealed_password: input.password ? sealer.seal(input.password, passwordIdentity(id)) : null,
        options_json: JSON.stringify(input.options),
        created_at: at,
        updated_at: at,
      };
      await repo.insert(row);
      return toDatabase(row, undefined);
    },

    /** A missing password keeps the sealed one; an empty string removes it. */
    async update(ownerId: string, id: string, patch: DatabasePatch): Promise<Database> {
      const current = toDatabase(await findOwn(ownerId, id), undefined);
      const merged = DatabaseInput.safeParse({ ...current, ...patch, password: undefined });
      if (!merged.success) {
        const issues = merged.error.issues.map((i) => ({
          path: i.path.join('.'),
          message: i.message,
        }));
        throw new AppError(
          'VALIDATION_FAILED',
          `the request is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          { issues },
        );
      }
      const next = merged.data;
      if (patch.agentId !== undefined) await ownAgent(ownerId, patch.agentId);
      const changes = {
        agent_id: next.agentId,
        name: next.name,
        engine: next.engine,
        host: next.host,
        port: next.port,
        username: next.username,
        database_name: next.database,
        options_json: JSON.stringify(next.options),
        updated_at: now().toISOString(),
        ...(patch.password !== undefined && {
          sealed_password:
            patch.password === '' ? null : sealer.seal(patch.password, passwordIdentity(id)),
        }),
      };
      if (!(await repo.update(ownerId, id, changes))) throw notFound(`database ${id}`);
      return viewOf(ownerId, await findOwn(ownerId, id));
    },

    async remove(ownerId: string, id: string): Promise<void> {
      if (!(await repo.remove(ownerId, id))) throw notFound(`database ${id}`);
    },

    /** Tests an unsaved form through its agent. */
    testUnsaved: (ownerId: string, input: DatabaseInput) =>
      test(ownerId, input.agentId, connectionOf(input, input.password ?? '')),

    /** Tests a saved database, with its unsealed password, through its agent. */
    async testSaved(ownerId: string, id: string): Promise<TestConnectionResult> {
      const row = await findOwn(ownerId, id);
      const db = toDatabase(row, undefined);
      const password =
        row.sealed_password === null
          ? ''
          : sealer.unseal(row.sealed_password, passwordIdentity(id));
      return test(ownerId, db.agentId, connectionOf(db, password));
    },
  };
}

export type DatabasesService = ReturnType<typeof createDatabasesService>;
