import { pino, type Logger, type DestinationStream } from 'pino';

// Any field with one of these names is replaced, at any depth we ever log (payloads nest
// connection → password, target → secrets → secretAccessKey, request → encryption → passphrase).
const SECRET_KEYS = [
  'password',
  'credential',
  'secret',
  'secrets',
  'secretAccessKey',
  'passphrase',
  'privateKey',
  'token',
  'authorization',
];

function redactPaths(): string[] {
  const prefixes = ['', '*.', '*.*.', '*.*.*.', '*.*.*.*.'];
  return prefixes.flatMap((prefix) => SECRET_KEYS.map((key) => `${prefix}${key}`));
}

export type AgentLogger = Logger;

/**
 * The agent's structured logger. Secrets are removed by configuration (redact paths), not by
 * the care of each call site; messages are constant strings, details go in fields.
 */
export function createLogger(
  level: string,
  destination: DestinationStream = pino.destination(1),
): AgentLogger {
  return pino(
    {
      level,
      base: { app: 'rahatback-agent' },
      redact: { paths: redactPaths(), censor: '[redacted]' },
    },
    destination,
  );
}
