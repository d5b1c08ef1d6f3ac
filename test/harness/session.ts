import type { BackupRun } from '@rahatback/protocol';
import { expect } from 'vitest';
import { apiClient, registerUser, type ApiClient, type RegisteredUser } from './api.js';
import { startAgent, type RunningAgent } from './agent.js';
import { startServer, type StartServerOptions, type TestServer } from './server.js';

/** A server, one registered account with its API client, and that account's running agent. */
export interface Session {
  server: TestServer;
  user: RegisteredUser;
  api: ApiClient;
  agent: RunningAgent;
  /** Stops the agent, then the server (and drops its PostgreSQL store, if any). */
  stop(): Promise<void>;
}

/** Registers a new account on the server at `serverUrl`, with an API client signed in as it. */
export async function signUp(serverUrl: string): Promise<{ user: RegisteredUser; api: ApiClient }> {
  const user = await registerUser(serverUrl);
  return { user, api: apiClient(serverUrl, user.token) };
}

/** Starts the real server, registers an account and enrolls and runs a real agent for it. */
export async function startSession(options: StartServerOptions = {}): Promise<Session> {
  const server = await startServer(options);
  try {
    const { user, api } = await signUp(server.url);
    const agent = await startAgent(server.url, user.token);
    return {
      server,
      user,
      api,
      agent,
      async stop() {
        await agent.stop();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** POSTs `body` to `path`, expects 201 Created and returns the created resource. */
export async function expectCreated<T>(api: ApiClient, path: string, body: unknown): Promise<T> {
  const response = await api.post<T>(path, body);
  expect(response.status, response.text).toBe(201);
  return response.body;
}

/** Adds a database on the local PostgreSQL (user postgres, no password) reached by `agentId`. */
export function addPostgresDatabase<T = { id: string }>(
  api: ApiClient,
  agentId: string,
  name: string,
  database: string,
): Promise<T> {
  return expectCreated<T>(api, '/api/v1/databases', {
    name,
    engine: 'postgresql',
    host: '127.0.0.1',
    port: 5432,
    username: 'postgres',
    database,
    agentId,
  });
}

/** Runs the job now and waits until its run has ended (neither queued nor running). */
export async function runToEnd(api: ApiClient, jobId: string): Promise<BackupRun> {
  const started = await expectCreated<BackupRun>(api, `/api/v1/backups/jobs/${jobId}/run`, {});
  const history = async () =>
    (await api.get<BackupRun>(`/api/v1/backups/history/${started.id}`)).body;
  await expect
    .poll(async () => (await history()).status, { timeout: 60_000 })
    .not.toMatch(/queued|running/);
  return history();
}
