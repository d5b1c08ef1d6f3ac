import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  UI_NAMESPACE,
  UiEvents,
  type BackupJob,
  type BackupRun,
  type UiEventPayload,
} from '@rahatback/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPostgresDatabase,
  expectCreated,
  pgAdmin,
  registerUser,
  runToEnd as runBackup,
  startSession,
  uniqueSuffix,
  type ApiClient,
  type RunningAgent,
  type Session,
  type TestServer,
} from '../harness/index.js';

/** A browser page's live socket, signed in with the account's token. */
function connectPage(baseUrl: string, token: string): Promise<Socket> {
  const socket = io(`${baseUrl}${UI_NAMESPACE}`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { token },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Every `run:updated` a page receives, parsed with the protocol's schema. */
function collectUpdates(socket: Socket): UiEventPayload<'run:updated'>[] {
  const received: UiEventPayload<'run:updated'>[] = [];
  socket.on('run:updated', (payload: unknown) =>
    received.push(UiEvents['run:updated'].parse(payload)),
  );
  return received;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

// Retention deletes copies after `run:finished`; an open History or dashboard hears of it
// through `run:updated`. A real server (each store), a real agent process, a real folder.
describe.each(['sqlite', 'postgres'] as const)('retention seen live on %s', (store) => {
  const sourceDb = `rb_retlive_${uniqueSuffix()}`;
  let session: Session;
  let server: TestServer;
  let agent: RunningAgent;
  let api: ApiClient;
  let token: string;
  let folder: string;
  let job: BackupJob;
  const sockets: Socket[] = [];

  const runToEnd = () => runBackup(api, job.id);

  beforeAll(async () => {
    await pgAdmin(`CREATE DATABASE ${sourceDb}`);
    await pgAdmin(
      "CREATE TABLE notes (id serial PRIMARY KEY, body text); INSERT INTO notes (body) SELECT 'note ' || g FROM generate_series(1, 500) g;",
      sourceDb,
    );
    folder = await mkdtemp(join(tmpdir(), 'rb-retention-live-'));
    session = await startSession({ store, env: { RAHATBACK_SCHEDULER: 'false' } });
    ({ server, agent, api } = session);
    token = session.user.token;
    const database = await addPostgresDatabase(api, agent.agentId, 'notes', sourceDb);
    const storage = await expectCreated<{ id: string }>(api, '/api/v1/storages', {
      name: 'folder',
      agentId: agent.agentId,
      config: { kind: 'local', path: folder },
    });
    job = await expectCreated<BackupJob>(api, '/api/v1/backups/jobs', {
      name: 'notes only the latest',
      databaseId: database.id,
      storageIds: [storage.id],
      schedule: { kind: 'manual' },
      encryption: { enabled: false },
      retention: { keepLast: 1 },
    });
  }, 240_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await session?.stop();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
    await pgAdmin(`DROP DATABASE IF EXISTS ${sourceDb} WITH (FORCE)`);
  }, 60_000);

  it('tells the owner’s open pages, and only them, when retention deletes a copy', async () => {
    const first = await runToEnd();
    expect(first.status).toBe('success');
    const firstKey = first.destinations[0]?.objectKey ?? '';
    expect(await exists(join(folder, firstKey))).toBe(true);

    const page = await connectPage(server.url, token);
    const stranger = await connectPage(server.url, (await registerUser(server.url)).token);
    sockets.push(page, stranger);
    const updates = collectUpdates(page);
    const strangerUpdates = collectUpdates(stranger);

    const second = await runToEnd();
    expect(second.status).toBe('success');
    await expect
      .poll(() => updates.find((update) => update.run.id === first.id), { timeout: 30_000 })
      .toBeDefined();
    const pushed = updates.find((update) => update.run.id === first.id)?.run;
    // The pushed run is the history's row: its copy is marked deleted, and it is gone.
    expect(pushed?.destinations).toHaveLength(1);
    expect(pushed?.destinations[0]?.deletedAt).toEqual(expect.any(String));
    expect(await exists(join(folder, firstKey))).toBe(false);
    const history = await api.get<BackupRun>(`/api/v1/backups/history/${first.id}`);
    expect(history.body.destinations).toEqual(pushed?.destinations);
    // The newest backup is kept, so nothing is said of it.
    expect(updates.map((update) => update.run.id)).not.toContain(second.id);
    expect(strangerUpdates).toEqual([]);
  }, 180_000);
});
