import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { AgentConfigFile, EMBEDDED_AGENT_NAME, type User } from '@rahatback/protocol';
import type { Logger } from 'pino';
import type { ServerConfig } from './config.js';
import { hashToken, newSecretToken } from './crypto/tokens.js';
import type { AgentsRepository } from './modules/agents/agents.repository.js';

const MAX_BACKOFF_MS = 30_000;
// A child that ran this long was healthy; its next crash starts the backoff again.
const HEALTHY_RUN_MS = 60_000;

export interface EmbeddedAgent {
  /** Makes sure the admin owns an embedded agent whose credential is in the config file. */
  ensureFor(owner: User): Promise<void>;
  /** Spawns the agent now if the first account exists, otherwise right after it registers. */
  start(findAdmin: () => Promise<User | undefined>): Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedAgentDeps {
  config: Pick<ServerConfig, 'embeddedAgentConfigFile' | 'agentEntry' | 'host' | 'port'>;
  agents: Pick<AgentsRepository, 'findEmbeddedAgent' | 'insertAgent' | 'replaceCredential'>;
  logger: Logger;
}

const embeddedRow = (id: string, ownerId: string, credential: string) => ({
  id,
  owner_id: ownerId,
  name: EMBEDDED_AGENT_NAME,
  credential_hash: hashToken(credential),
  hostname: null,
  agent_version: null,
  tools_json: '[]',
  last_seen_at: null,
  revoked_at: null,
  is_embedded: 1,
  created_at: new Date().toISOString(),
});

/** The agent that `npm start` runs beside the server, so a newcomer needs no other step. */
export function createEmbeddedAgent({ config, agents, logger }: EmbeddedAgentDeps): EmbeddedAgent {
  const file = config.embeddedAgentConfigFile;
  let isWanted = false;
  let child: ChildProcess | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let backoffMs = 1000;
  let ownerId: string | undefined;

  const localHost = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host;
  const serverUrl = () =>
    `http://${localHost.includes(':') ? `[${localHost}]` : localHost}:${config.port}`;

  function readFile(): AgentConfigFile | undefined {
    if (!existsSync(file)) return undefined;
    const parsed = AgentConfigFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  }

  async function ensureFor(owner: User): Promise<void> {
    ownerId = owner.id;
    const existing = await agents.findEmbeddedAgent(owner.id);
    const onFile = readFile();
    const isFileValid =
      existing !== undefined &&
      onFile !== undefined &&
      onFile.agentId === existing.id &&
      hashToken(onFile.credential) === existing.credential_hash;
    const agentId = existing?.id ?? crypto.randomUUID();
    const credential = isFileValid ? onFile.credential : newSecretToken();
    if (existing === undefined)
      await agents.insertAgent(embeddedRow(agentId, owner.id, credential));
    else if (!isFileValid) await agents.replaceCredential(agentId, hashToken(credential));
    // Rewritten each time: the port may have changed since the last start.
    const content: AgentConfigFile = { serverUrl: serverUrl(), agentId, credential };
    writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    if (isWanted) spawnAgent();
  }

  function spawnAgent(): void {
    if (child !== undefined || ownerId === undefined) return;
    if (!existsSync(config.agentEntry)) {
      logger.warn({ entry: config.agentEntry }, 'embedded agent not built; run npm run build');
      return;
    }
    const startedAt = Date.now();
    child = spawn(process.execPath, [config.agentEntry, 'run', '--config', file], {
      stdio: 'inherit',
    });
    logger.info({ pid: child.pid }, 'embedded agent started');
    child.on('exit', (code, signal) => {
      child = undefined;
      if (!isWanted) return;
      if (Date.now() - startedAt > HEALTHY_RUN_MS) backoffMs = 1000;
      logger.warn({ code, signal, restartInMs: backoffMs }, 'embedded agent exited');
      restartTimer = setTimeout(spawnAgent, backoffMs);
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    });
  }

  return {
    ensureFor,
    async start(findAdmin) {
      isWanted = true;
      const admin = await findAdmin();
      if (admin !== undefined) await ensureFor(admin);
    },
    async stop() {
      isWanted = false;
      clearTimeout(restartTimer);
      const running = child;
      if (running === undefined) return;
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => running.kill('SIGKILL'), 5000);
        running.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        running.kill('SIGTERM');
      });
    },
  };
}
