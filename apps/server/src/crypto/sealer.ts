import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';

const VERSION = 'v1:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Seals secrets at rest under the master key, bound to the row and column they live in. */
export interface Sealer {
  /** `identity` is `table:id:column`; a sealed value moved to another row will not open. */
  seal(plaintext: string, identity: string): string;
  unseal(sealed: string, identity: string): string;
}

/** AES-256-GCM, a random 96-bit nonce per seal, output `v1:` + base64(nonce ‖ ciphertext ‖ tag). */
export function createSealer(masterKey: Buffer): Sealer {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  return {
    seal(plaintext, identity) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', masterKey, nonce);
      cipher.setAAD(Buffer.from(identity, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return VERSION + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
    },
    unseal(sealed, identity) {
      if (!sealed.startsWith(VERSION)) throw unsealFailed(identity);
      const raw = Buffer.from(sealed.slice(VERSION.length), 'base64');
      if (raw.length < NONCE_BYTES + TAG_BYTES) throw unsealFailed(identity);
      const decipher = createDecipheriv('aes-256-gcm', masterKey, raw.subarray(0, NONCE_BYTES));
      decipher.setAAD(Buffer.from(identity, 'utf8'));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      try {
        const body = raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw unsealFailed(identity, cause);
      }
    },
  };
}

const unsealFailed = (identity: string, cause?: unknown) =>
  new AppError(
    'INTERNAL',
    `the sealed secret of ${identity} cannot be opened: it was altered, or the master key is not the one that sealed it`,
    { cause },
  );
