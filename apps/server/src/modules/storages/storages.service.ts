import {
  PROTOCOL_VERSION,
  StorageConfig,
  StorageSecretField,
  type Storage,
  type StorageInput,
  type StoragePatch,
  type StorageTarget,
  type StorageTestResult,
} from '@rahatback/protocol';
import { z } from 'zod';
import type { Sealer } from '../../crypto/sealer.js';
import type { StorageRow } from '../../db/backups.tables.js';
import { AppError, notFound } from '../../errors.js';
import type { AgentLink } from '../../realtime/agent-link.js';
import { agentTestOutcome, requireOwnAgent } from '../agents/agent-checks.js';
import type { StoragesRepository } from './storages.repository.js';
import { mergeSecrets, sealSecrets, targetOf, unsealSecrets } from './storage.secrets.js';

// Writing, reading back and deleting a probe over a slow link can take a while.
const STORAGE_TEST_TIMEOUT_MS = 60_000;

export interface StoragesServiceDeps {
  repo: StoragesRepository;
  sealer: Sealer;
  link: Pick<AgentLink, 'sendToAgent'>;
  now?: () => Date;
}

const SecretFields = z.array(StorageSecretField).catch([]);

export const toStorage = (row: StorageRow): Storage => {
  const secretFields = SecretFields.parse(JSON.parse(row.secret_fields_json));
  return {
    id: row.id,
    name: row.name,
    agentId: row.agent_id,
    kind: StorageConfig.parse(JSON.parse(row.config_json)).kind,
    config: StorageConfig.parse(JSON.parse(row.config_json)),
    hasSecrets: secretFields.length > 0,
    secretFields,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
};

export function createStoragesService({
  repo,
  sealer,
  link,
  now = () => new Date(),
}: StoragesServiceDeps) {
  const ownAgent = (ownerId: string, agentId: string) =>
    requireOwnAgent(repo.findOwnAgent(ownerId, agentId));

  async function findOwn(ownerId: string, id: string): Promise<StorageRow> {
    const row = await repo.find(ownerId, id);
    if (row === undefined) throw notFound(`storage ${id}`);
    return row;
  }

  async function test(
    ownerId: string,
    agentId: string,
    target: StorageTarget,
  ): Promise<StorageTestResult> {
    const agent = await ownAgent(ownerId, agentId);
    return agentTestOutcome(async () => {
      const ack = await link.sendToAgent(
        agent.id,
        'storage:test',
        { v: PROTOCOL_VERSION, target },
        STORAGE_TEST_TIMEOUT_MS,
        agent.name,
      );
      return ack.result;
    });
  }

  return {
    list: async (ownerId: string) => (await repo.list(ownerId)).map(toStorage),

    get: async (ownerId: string, id: string) => toStorage(await findOwn(ownerId, id)),

    async create(ownerId: string, input: StorageInput): Promise<Storage> {
      await ownAgent(ownerId, input.agentId);
      const id = crypto.randomUUID();
      const at = now().toISOString();
      const row: StorageRow = {
        id,
        owner_id: ownerId,
        agent_id: input.agentId,
        name: input.name,
        kind: input.config.kind,
        config_json: JSON.stringify(input.config),
        ...sealSecrets(sealer, id, input.secrets),
        created_at: at,
        updated_at: at,
      };
      await repo.insert(row);
      return toStorage(row);
    },

    /** Absent fields keep theirs; a given secret field replaces the sealed one, '' removes it. */
    async update(ownerId: string, id: string, patch: StoragePatch): Promise<Storage> {
      const row = await findOwn(ownerId, id);
      if (patch.agentId !== undefined) await ownAgent(ownerId, patch.agentId);
      const config = patch.config ?? StorageConfig.parse(JSON.parse(row.config_json));
      const changes = {
        name: patch.name ?? row.name,
        agent_id: patch.agentId ?? row.agent_id,
        kind: config.kind,
        config_json: JSON.stringify(config),
        updated_at: now().toISOString(),
        ...(patch.secrets !== undefined &&
          sealSecrets(sealer, id, mergeSecrets(unsealSecrets(sealer, row), patch.secrets))),
      };
      if (!(await repo.update(ownerId, id, changes))) throw notFound(`storage ${id}`);
      return toStorage(await findOwn(ownerId, id));
    },

    async remove(ownerId: string, id: string): Promise<void> {
      await findOwn(ownerId, id);
      const jobs = await repo.jobNamesUsing(id);
      if (jobs.length > 0)
        throw new AppError(
          'CONFLICT',
          `this storage is a destination of ${jobs.map((n) => `"${n}"`).join(', ')}: remove it from those jobs first`,
        );
      if (!(await repo.remove(ownerId, id))) throw notFound(`storage ${id}`);
    },

    /** Asks the storage's agent to write, read back and delete a probe object. */
    async testSaved(ownerId: string, id: string): Promise<StorageTestResult> {
      const row = await findOwn(ownerId, id);
      return test(ownerId, row.agent_id, targetOf(sealer, row));
    },

    testUnsaved: (ownerId: string, input: StorageInput) =>
      test(ownerId, input.agentId, { config: input.config, secrets: input.secrets }),
  };
}

export type StoragesService = ReturnType<typeof createStoragesService>;
