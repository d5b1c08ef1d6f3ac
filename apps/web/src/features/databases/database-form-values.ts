import { type Agent, type Database, type DatabaseEngine, DEFAULT_PORTS } from '@rahatback/protocol';

/** What the form's inputs hold; turned into a protocol body by `toDatabaseBody`. */
export interface DatabaseFormValues {
  name: string;
  engine: DatabaseEngine;
  host: string;
  port: number | '';
  username: string;
  password: string;
  database: string;
  agentId: string;
}

export const isNetworked = (engine: DatabaseEngine) => engine !== 'sqlite';

/** Prefers an online agent: after `npm start` that is the embedded one. */
export function defaultAgentId(agents: readonly Agent[]): string {
  return (agents.find((agent) => agent.online) ?? agents[0])?.id ?? '';
}

export function emptyFormValues(agents: readonly Agent[]): DatabaseFormValues {
  return {
    name: '',
    engine: 'postgresql',
    host: '',
    port: DEFAULT_PORTS.postgresql ?? '',
    username: '',
    password: '',
    database: '',
    agentId: defaultAgentId(agents),
  };
}

export function formValuesOf(database: Database): DatabaseFormValues {
  return {
    name: database.name,
    engine: database.engine,
    host: database.host,
    port: database.port ?? '',
    username: database.username,
    password: '',
    database: database.database,
    agentId: database.agentId,
  };
}

/**
 * Switching engine moves the port to the new engine's default, unless the user typed a port
 * of their own (one that is no engine's default).
 */
export function withEngine(values: DatabaseFormValues, engine: DatabaseEngine): DatabaseFormValues {
  const defaults = Object.values(DEFAULT_PORTS);
  const isDefaultPort = values.port === '' || defaults.includes(values.port);
  return { ...values, engine, port: isDefaultPort ? (DEFAULT_PORTS[engine] ?? '') : values.port };
}

/**
 * The create/test body. SQLite has no host, port or credentials; an empty password while
 * editing means "keep the saved one", so it is left out.
 */
export function toDatabaseBody(values: DatabaseFormValues) {
  const networked = isNetworked(values.engine);
  return {
    name: values.name,
    engine: values.engine,
    host: networked ? values.host : '',
    port: networked ? (values.port === '' ? null : values.port) : null,
    username: networked ? values.username : '',
    ...(networked && values.password !== '' ? { password: values.password } : {}),
    database: values.database,
    agentId: values.agentId,
    options: {},
  };
}

const ENGINE_LABELS: Record<DatabaseEngine, string> = {
  postgresql: 'PostgreSQL',
  mysql: 'MySQL',
  mariadb: 'MariaDB',
  sqlite: 'SQLite',
};

/**
 * A short product name and version, e.g. "PostgreSQL 15.19", whether the agent reported a bare
 * number ("15.19", "10.11.6-MariaDB-0+deb12u1") or PostgreSQL's long banner.
 */
export function describeServerVersion(engine: DatabaseEngine, serverVersion: string): string {
  const version = serverVersion.trim();
  const bareNumber = /^\d+(\.\d+)*/.exec(version);
  if (bareNumber) {
    const label =
      engine === 'mysql' && /mariadb/i.test(version) ? 'MariaDB' : ENGINE_LABELS[engine];
    return `${label} ${bareNumber[0]}`;
  }
  return version.split(/ \(| on /)[0] ?? version;
}
