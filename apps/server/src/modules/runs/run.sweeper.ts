import { PROTOCOL_VERSION } from '@rahatback/protocol';
import type { Logger } from 'pino';
import type { AgentLink } from '../../realtime/agent-link.js';
import { isAgentGone, runningTasksOf } from '../../realtime/task-liveness.js';
import type { RunFinisher } from './run.finisher.js';
import type { ActiveRun, RunsRepository } from './runs.repository.js';

export interface RunSweeperDeps {
  repo: RunsRepository;
  finisher: RunFinisher;
  link: Pick<AgentLink, 'sendToAgent'>;
  logger: Logger;
  now: () => Date;
  /** How long an agent may stay disconnected during a run before the run fails. */
  agentGraceMs: number;
}

const ACK_TIMEOUT_MS = 10_000;

/**
 * Nothing stays running forever. Each sweep ends the active runs that outlived their
 * job's timeout, whose agent has been gone longer than the grace period, or that this
 * server inherited from before its start and the agent no longer knows.
 */
export function createRunSweeper({
  repo,
  finisher,
  link,
  logger,
  now,
  agentGraceMs,
}: RunSweeperDeps) {
  const bootAt = now().getTime();
  // Runs their agent did not list on the previous sweep. A run ends only when missed twice:
  // a result finished just before may still be on its way from the agent's outbox.
  let unlisted = new Set<string>();

  async function timeOut(run: ActiveRun, minutes: number): Promise<void> {
    await send(run.agent_id, 'task:cancel', run.id);
    await finisher.end(
      run.id,
      'failed',
      'TIMED_OUT',
      `the backup ran longer than the job's timeout of ${minutes} minutes and was stopped: raise the timeout or look for what slows the dump`,
      run.started_at,
    );
  }

  async function send(agentId: string, event: 'task:cancel', taskId: string): Promise<void> {
    try {
      await link.sendToAgent(agentId, event, { v: PROTOCOL_VERSION, taskId }, ACK_TIMEOUT_MS);
    } catch {
      // Offline or silent: the run is ended here either way.
    }
  }

  /** Runs from before this server started, once their agent is back: does it still work on them? */
  async function reconcile(runs: ActiveRun[]): Promise<void> {
    const missing = new Set<string>();
    const byAgent = new Map<string, ActiveRun[]>();
    for (const run of runs)
      if (run.agent_online && Date.parse(run.started_at) < bootAt)
        byAgent.set(run.agent_id, [...(byAgent.get(run.agent_id) ?? []), run]);
    for (const [agentId, inherited] of byAgent) {
      const running = await runningTasksOf(link, agentId, ACK_TIMEOUT_MS);
      if (running === undefined) continue;
      for (const run of inherited) {
        if (running.includes(run.id)) continue;
        if (unlisted.has(run.id)) await endInterrupted(run);
        else missing.add(run.id);
      }
    }
    unlisted = missing;
  }

  const endInterrupted = (run: ActiveRun) =>
    finisher.end(
      run.id,
      'failed',
      'SERVER_RESTARTED',
      'the backup was interrupted by a server restart: run it again',
      run.started_at,
    );

  async function sweepOne(run: ActiveRun, at: number): Promise<void> {
    const minutes = run.timeout_minutes;
    if (minutes !== null && at - Date.parse(run.started_at) > minutes * 60_000)
      return timeOut(run, minutes);
    if (!isAgentGone(run, at, bootAt, agentGraceMs)) return;
    if (Date.parse(run.started_at) < bootAt) {
      await endInterrupted(run);
      return;
    }
    await finisher.end(
      run.id,
      'failed',
      'AGENT_DISCONNECTED',
      `the agent disconnected during the backup and did not come back within ${Math.round(agentGraceMs / 1000)} s: check its host and network, then run the backup again`,
      run.started_at,
    );
  }

  return {
    async sweep(): Promise<void> {
      const at = now().getTime();
      const runs = await repo.listActive(now());
      await reconcile(runs);
      for (const run of runs) {
        try {
          await sweepOne(run, at);
        } catch (err) {
          logger.error({ err, runId: run.id }, 'active run not checked');
        }
      }
    },
  };
}

export type RunSweeper = ReturnType<typeof createRunSweeper>;
