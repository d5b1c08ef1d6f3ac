import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, base64url: session tokens, agent credentials, enrollment tokens. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

/**
 * A one-time enrollment token. The prefix names what it is (for people and secret
 * scanners), and keeps it from starting with "-": base64url does so once in 64 tokens, and
 * `rahatback-agent enroll --token -abc…` would then read the token as an option.
 */
export const newEnrollmentToken = (): string => `rbe_${newSecretToken()}`;

/** Tokens are stored only as this hash; a leaked table does not let anyone in. */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
