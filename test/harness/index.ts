export {
  apiClient,
  registerUser,
  type ApiClient,
  type ApiResponse,
  type RegisteredUser,
} from './api.js';
export {
  runAgentCli,
  startAgent,
  waitForAgentOnline,
  type CliOutcome,
  type RunningAgent,
  type StartAgentOptions,
} from './agent.js';
export { startServer, type StartServerOptions, type TestServer } from './server.js';
export { artifactsDir, repoRoot, uniqueSuffix } from './paths.js';
export { createHardToCompressDatabase, holdTableLock, pgAdmin, pgQuery } from './postgres.js';
export { startPrivateCluster, type PrivateCluster } from './pg-private-cluster.js';
export {
  addPostgresDatabase,
  expectCreated,
  runToEnd,
  signUp,
  startSession,
  type Session,
} from './session.js';
