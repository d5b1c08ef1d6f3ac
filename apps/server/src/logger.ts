import { pino, type DestinationStream, type Logger } from 'pino';

/** Secrets are removed by configuration, so a forgotten field cannot leak into a log line. */
export const REDACT_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'currentPassword',
  '*.currentPassword',
  'newPassword',
  '*.newPassword',
  'credential',
  '*.credential',
  'token',
  '*.token',
  'csrfToken',
  '*.csrfToken',
  'secret',
  '*.secret',
  '*.secretAccessKey',
  '*.*.secretAccessKey',
  'passphrase',
  '*.passphrase',
  '*.*.passphrase',
  '*.privateKey',
  '*.*.privateKey',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}
