import { PROTOCOL_VERSION } from '@rahatback/protocol';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupRunRow } from '../../src/db/backups.tables.js';
import type { AgentLink } from '../../src/realtime/agent-link.js';
import type { UiPush } from '../../src/realtime/ui-namespace.js';
import { createRunFinisher } from '../../src/modules/runs/run.finisher.js';
import { createRunSweeper } from '../../src/modules/runs/run.sweeper.js';
import { createRunsRepository } from '../../src/modules/runs/runs.repository.js';
import {
  dialects,
  insertAgent,
  insertDatabase,
  insertJob,
  insertOwner,
  type OpenedStore,
} from './stores.js';

const silent = pino({ level: 'silent' });
const MINUTE = 60_000;
const GRACE_MS = 30_000;

describe.each(dialects)('run sweeper on $name', (dialect) => {
  let opened: OpenedStore;
  let clock = Date.parse('2026-11-27T10:00:00.000Z');
  const now = () => new Date(clock);
  const ownerId = crypto.randomUUID();
  const agentId = crypto.randomUUID();
  const sent: { event: string; taskId?: string }[] = [];
  let agentRunning: string[] = [];

  const link: Pick<AgentLink, 'sendToAgent'> = {
    sendToAgent: (_agent, event, payload) => {
      sent.push({ event, taskId: (payload as { taskId?: string }).taskId });
      const ack = event === 'task:list' ? { running: agentRunning } : { found: true };
      return Promise.resolve({ v: PROTOCOL_VERSION, ...ack } as never);
    },
  };
  const ui: UiPush = { pushToUser: () => undefined };

  beforeAll(async () => {
    opened = await dialect.open();
    const at = now().toISOString();
    await insertOwner(opened.store, ownerId, at);
    await insertAgent(opened.store, { id: agentId, ownerId }, at);
  });
  afterAll(async () => opened.cleanup());

  const setOnline = async (isOnline: boolean) => {
    const db = opened.store.db;
    await db.deleteFrom('agent_connections').where('agent_id', '=', agentId).execute();
    const at = now().toISOString();
    if (isOnline)
      await db
        .insertInto('agent_connections')
        .values({
          socket_id: crypto.randomUUID(),
          agent_id: agentId,
          server_id: 's',
          connected_at: at,
          heartbeat_at: at,
        })
        .execute();
    await db.updateTable('agents').set({ last_seen_at: at }).where('id', '=', agentId).execute();
  };

  const insertRun = async (
    startedAt: number,
    jobTimeoutMinutes: number | null,
  ): Promise<string> => {
    const db = opened.store.db;
    let jobId: string | null = null;
    if (jobTimeoutMinutes !== null) {
      jobId = crypto.randomUUID();
      const dbId = crypto.randomUUID();
      const at = now().toISOString();
      await insertDatabase(opened.store, { id: dbId, ownerId, agentId }, at);
      await insertJob(opened.store, { id: jobId, ownerId, databaseId: dbId }, at, {
        timeout_minutes: jobTimeoutMinutes,
      });
    }
    const run = {
      id: crypto.randomUUID(),
      owner_id: ownerId,
      job_id: jobId,
      job_name: 'j',
      database_id: 'd',
      agent_id: agentId,
      status: 'running',
      trigger: 'manual',
      is_catch_up: 0,
      started_at: new Date(startedAt).toISOString(),
      encrypted: 0,
      compression: 'zstd',
      log_tail_json: '[]',
    } satisfies Partial<BackupRunRow>;
    await db.insertInto('backup_runs').values(run).execute();
    return run.id;
  };

  const statusOf = async (id: string) =>
    opened.store.db
      .selectFrom('backup_runs')
      .select(['status', 'error_code', 'error_message'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  const sweeperAt = () => {
    const repo = createRunsRepository(opened.store.db);
    const finisher = createRunFinisher({ repo, ui, logger: silent, now });
    return createRunSweeper({ repo, finisher, link, logger: silent, now, agentGraceMs: GRACE_MS });
  };

  it('reconciles runs left running by a restart: kept if the agent still has them, failed otherwise', async () => {
    await setOnline(true);
    const kept = await insertRun(clock - 5 * MINUTE, null);
    const lost = await insertRun(clock - 5 * MINUTE, null);
    agentRunning = [kept];
    clock += 1_000;
    const sweeper = sweeperAt();
    await sweeper.sweep();
    expect(sent.some((s) => s.event === 'task:list')).toBe(true);
    // Missed once, a run may still have its result on the way: it ends when missed again.
    expect(await statusOf(lost)).toMatchObject({ status: 'running' });
    await sweeper.sweep();
    expect(await statusOf(kept)).toMatchObject({ status: 'running' });
    const lostRun = await statusOf(lost);
    expect(lostRun).toMatchObject({ status: 'failed', error_code: 'SERVER_RESTARTED' });
    expect(lostRun.error_message).toContain('interrupted by a server restart');
    await opened.store.db
      .updateTable('backup_runs')
      .set({ status: 'success' })
      .where('id', '=', kept)
      .execute();
  });

  it('stops and fails a run past its job timeout', async () => {
    await setOnline(true);
    const sweeper = sweeperAt();
    const run = await insertRun(clock, 1);
    agentRunning = [run];
    clock += MINUTE - 1_000;
    await setOnline(true);
    await sweeper.sweep();
    expect(await statusOf(run)).toMatchObject({ status: 'running' });
    clock += 2_000;
    await setOnline(true);
    await sweeper.sweep();
    expect(sent).toContainEqual({ event: 'task:cancel', taskId: run });
    const ended = await statusOf(run);
    expect(ended).toMatchObject({ status: 'failed', error_code: 'TIMED_OUT' });
    expect(ended.error_message).toMatch(
      /^the backup ran longer than the job's timeout of 1 minutes/,
    );
  });

  it('fails a run whose agent stays away longer than the grace period, not sooner', async () => {
    const sweeper = sweeperAt();
    clock += 1_000;
    await setOnline(true);
    const run = await insertRun(clock, 60);
    agentRunning = [run];
    await setOnline(false);
    clock += GRACE_MS - 1_000;
    await sweeper.sweep();
    expect(await statusOf(run)).toMatchObject({ status: 'running' });
    clock += 2_000;
    await sweeper.sweep();
    expect(await statusOf(run)).toMatchObject({
      status: 'failed',
      error_code: 'AGENT_DISCONNECTED',
    });
  });
});
