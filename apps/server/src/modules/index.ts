import type { FastifyInstance } from 'fastify';
import type { Container } from '../container.js';
import * as agents from './agents/agents.routes.js';
import * as auth from './auth/auth.routes.js';
import * as dashboard from './dashboard/dashboard.routes.js';
import * as databases from './databases/databases.routes.js';
import * as downloads from './downloads/downloads.routes.js';
import * as health from './health/health.routes.js';
import * as history from './history/history.routes.js';
import * as jobs from './jobs/jobs.routes.js';
import * as restores from './restores/restores.routes.js';
import * as runs from './runs/runs.routes.js';
import * as settings from './settings/settings.routes.js';
import * as storages from './storages/storages.routes.js';

/** Every domain module; a new one is one more line here. */
const modules: { register(app: FastifyInstance, container: Container): void }[] = [
  health,
  auth,
  agents,
  databases,
  storages,
  jobs,
  runs,
  history,
  restores,
  settings,
  downloads,
  dashboard,
];

export function registerModules(app: FastifyInstance, container: Container): void {
  for (const module of modules) module.register(app, container);
}
