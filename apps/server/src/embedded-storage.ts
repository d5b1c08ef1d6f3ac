import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EMBEDDED_STORAGE_NAME, type User } from '@rahatback/protocol';
import type { AgentsRepository } from './modules/agents/agents.repository.js';
import type { StoragesService } from './modules/storages/storages.service.js';

export interface EmbeddedStorageDeps {
  dataDir: string;
  agents: Pick<AgentsRepository, 'findEmbeddedAgent'>;
  storages: Pick<StoragesService, 'list' | 'create'>;
}

/**
 * The embedded default's storage destination: a folder in the data dir, written by the
 * embedded agent, so that a newcomer can run a first backup with no other set-up. Created
 * once, for the first account, and only when that account has no destination yet.
 */
export async function ensureEmbeddedStorage(deps: EmbeddedStorageDeps, owner: User): Promise<void> {
  const agent = await deps.agents.findEmbeddedAgent(owner.id);
  if (agent === undefined) return;
  if ((await deps.storages.list(owner.id)).length > 0) return;
  const path = join(deps.dataDir, 'backups');
  // Local destinations refuse a missing folder (a typo must not create one): make this one.
  await mkdir(path, { recursive: true, mode: 0o700 });
  await deps.storages.create(owner.id, {
    name: EMBEDDED_STORAGE_NAME,
    agentId: agent.id,
    config: { kind: 'local', path },
    secrets: {},
  });
}
