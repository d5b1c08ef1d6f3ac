import type { SessionResponse } from '@rahatback/protocol';
import type { Socket } from 'socket.io-client';
import { connectUi } from './fake-agent.js';
import {
  enrollAgent,
  MANUAL_RUNS_ENV,
  registerAccount,
  startTestApp,
  type AppStore,
  type TestApp,
} from './helpers.js';

/** An app listening on a port, with one account, its enrolled agent and its open page. */
export interface RunsApp {
  t: TestApp;
  baseUrl: string;
  owner: SessionResponse;
  agentId: string;
  /** The enrolled agent's credential, for a fake agent to connect with. */
  credential: string;
  /** The owner's live page socket. */
  ui: Socket;
  /** Closes the page, the app and the store. */
  close(): Promise<void>;
}

/**
 * For tests of runs: the app on `store` with runs started by hand (MANUAL_RUNS_ENV), listening on
 * 127.0.0.1, `email` registered first, an agent enrolled for it and its page connected.
 */
export async function startRunsApp(store: AppStore, email: string): Promise<RunsApp> {
  const { env, drop } = await store.env();
  const t = await startTestApp({ ...env, ...MANUAL_RUNS_ENV });
  const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const owner = await registerAccount(t.app, email);
  const { agentId, credential } = await enrollAgent(t.app, owner);
  const ui = await connectUi(baseUrl, { token: owner.token });
  return {
    t,
    baseUrl,
    owner,
    agentId,
    credential,
    ui,
    async close() {
      ui.close();
      await t.close();
      await drop();
    },
  };
}
