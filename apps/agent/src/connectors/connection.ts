import type { DatabaseConnection, TestConnectionResult } from '@rahatback/protocol';
import { EngineError } from './engine-error.js';

/** How long to wait for a server to answer when the connection sets no timeout. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export function connectTimeoutMs(conn: DatabaseConnection): number {
  const seconds = conn.options.connectTimeoutSeconds;
  return seconds === undefined ? DEFAULT_CONNECT_TIMEOUT_MS : seconds * 1000;
}

/** "host:port" as a person typed it, for messages. */
export function endpointOf(conn: DatabaseConnection, defaultPort: number): string {
  return `${conn.host}:${conn.port ?? defaultPort}`;
}

/** Turns any thrown value into the failure half of a connection test's answer. */
export function toFailedTest(error: unknown): TestConnectionResult {
  if (error instanceof EngineError) return { ok: false, code: error.code, message: error.message };
  return {
    ok: false,
    code: 'UNKNOWN',
    message: 'the connection test failed for an unexpected reason: see the agent log',
  };
}

/** Milliseconds since `start` (from performance.now()), rounded for display. */
export function elapsedSince(start: number): number {
  return Math.round(performance.now() - start);
}

/** Network error codes that mean the server could not be reached at all. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
]);

/** Explains a socket-level failure, or returns undefined when it was not one. */
export function unreachableError(
  error: unknown,
  engineLabel: string,
  endpoint: string,
): EngineError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !UNREACHABLE_CODES.has(code)) return undefined;
  const host = endpoint.slice(0, endpoint.lastIndexOf(':'));
  const reasons: Record<string, string> = {
    ECONNREFUSED: `${engineLabel} at ${endpoint} refused the connection: check the host and port, and that the server accepts TCP connections`,
    ENOTFOUND: `the host name "${host}" could not be resolved from the agent: check its spelling and the agent host's DNS`,
    EAI_AGAIN: `the host name "${host}" could not be resolved from the agent right now: check the agent host's DNS`,
    ETIMEDOUT: `${engineLabel} at ${endpoint} did not answer in time: check the host, the port and any firewall between the agent and the server`,
    ECONNRESET: `${engineLabel} at ${endpoint} closed the connection at once: check the port and that the server accepts connections from the agent's address`,
  };
  const message =
    reasons[code] ??
    `${engineLabel} at ${endpoint} cannot be reached from the agent (${code}): check the network route and any firewall`;
  return new EngineError('HOST_UNREACHABLE', message, { cause: error });
}

/** The error used when our own timer fires before the driver gives up. */
export function timeoutError(engineLabel: string, endpoint: string, ms: number): EngineError {
  return new EngineError(
    'HOST_UNREACHABLE',
    `${engineLabel} at ${endpoint} did not answer within ${Math.round(ms / 1000)} s: check the host, the port and any firewall between the agent and the server`,
  );
}

/**
 * Races `work` against a timer; when the timer wins, `onTimeout` runs (to close sockets)
 * and the returned promise rejects with `error`.
 */
export async function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  error: () => Error,
  onTimeout: () => void = () => undefined,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(error());
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs a connection test's probe (connect, ask the version) and shapes its answer. The whole
 * probe is bounded too, not only the connect: a server that accepts and then hangs must not
 * hold the test past the server's own wait for the agent's answer.
 */
export async function runConnectionTest(
  conn: DatabaseConnection,
  where: { label: string; defaultPort: number },
  probe: () => Promise<string>,
): Promise<TestConnectionResult> {
  const start = performance.now();
  // Room for a TLS attempt and a plain one (SSL mode "prefer"), each with its own timeout.
  const limit = 2 * connectTimeoutMs(conn) + 2000;
  try {
    const serverVersion = await withTimeout(probe(), limit, () =>
      timeoutError(where.label, endpointOf(conn, where.defaultPort), limit),
    );
    return { ok: true, serverVersion, latencyMs: elapsedSince(start) };
  } catch (error) {
    return toFailedTest(error);
  }
}
