import type { Logger } from 'pino';
import type { AgentLink } from '../../realtime/agent-link.js';
import { isAgentGone, runningTasksOf } from '../../realtime/task-liveness.js';
import type { RestoreFinisher } from './restore.finisher.js';
import type { RestoresRepository } from './restores.repository.js';

const ACK_TIMEOUT_MS = 10_000;

/**
 * Nothing stays restoring forever: the same rules as for runs. An agent gone longer than
 * the grace period fails its restores; restores inherited from before this server started
 * are asked of their agent once it is back, and failed when it no longer knows them.
 */
export function createRestoreSweeper(deps: {
  repo: RestoresRepository;
  finisher: RestoreFinisher;
  link: Pick<AgentLink, 'sendToAgent'>;
  logger: Logger;
  now: () => Date;
  agentGraceMs: number;
}) {
  const { repo, finisher, link, logger, now, agentGraceMs } = deps;
  const bootAt = now().getTime();
  type Active = Awaited<ReturnType<RestoresRepository['listActive']>>[number];

  const interrupted = (r: Active) =>
    finisher.end(
      r.id,
      r.started_at,
      'SERVER_RESTARTED',
      'the restore was interrupted by a server restart: start it again',
    );

  async function reconcile(active: Active[]): Promise<void> {
    const agents = new Set(
      active
        .filter((r) => r.agent_online && Date.parse(r.started_at) < bootAt)
        .map((r) => r.agent_id),
    );
    for (const agentId of agents) {
      const running = await runningTasksOf(link, agentId, ACK_TIMEOUT_MS);
      if (running === undefined) continue;
      for (const r of active)
        if (r.agent_id === agentId && Date.parse(r.started_at) < bootAt && !running.includes(r.id))
          await interrupted(r);
    }
  }

  async function sweepOne(r: Active, at: number): Promise<void> {
    if (!isAgentGone(r, at, bootAt, agentGraceMs)) return;
    if (Date.parse(r.started_at) < bootAt) {
      await interrupted(r);
      return;
    }
    await finisher.end(
      r.id,
      r.started_at,
      'AGENT_DISCONNECTED',
      `the agent disconnected during the restore and did not come back within ${Math.round(agentGraceMs / 1000)} s: check its host and network, then start the restore again`,
    );
  }

  return {
    async sweep(): Promise<void> {
      const active = await repo.listActive(now());
      await reconcile(active);
      const at = now().getTime();
      for (const r of active)
        await sweepOne(r, at).catch((err: unknown) =>
          logger.error({ err, restoreId: r.id }, 'active restore not checked'),
        );
    },
  };
}
