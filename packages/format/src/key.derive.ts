import { hkdfSync, scrypt, timingSafeEqual } from 'node:crypto';
import {
  HKDF_INFO_KEY_CHECK,
  HKDF_INFO_PAYLOAD_KEY,
  KEY_CHECK_LENGTH,
  type KdfParams,
} from './format.constants.js';

/** The two secrets derived from a passphrase: the AES key and the value stored as keyCheck. */
export interface DerivedKeys {
  key: Buffer;
  keyCheck: Buffer;
}

/**
 * scrypt allocates about 128 · r · (N + 2) bytes for V plus 128 · r · p for B; allow exactly
 * that (and a little slack) so Node's default 32 MiB cap never refuses valid parameters.
 */
function scryptMaxmem({ N, r, p }: KdfParams): number {
  return 128 * r * (N + 2 + p) + 1024 * 1024;
}

/**
 * ikm = scrypt(passphrase, salt, N, r, p, 32); key and keyCheck are expanded from it with
 * HKDF-SHA256 under distinct info strings, so the stored keyCheck reveals nothing about the key.
 * scrypt runs on libuv's thread pool: the event loop stays free while it works.
 */
export async function deriveKeys(
  passphrase: string,
  salt: Uint8Array,
  kdf: KdfParams,
): Promise<DerivedKeys> {
  const ikm = await new Promise<Buffer>((resolve, reject) => {
    scrypt(
      Buffer.from(passphrase, 'utf8'),
      salt,
      32,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: scryptMaxmem(kdf) },
      (error, derived) => (error ? reject(error) : resolve(derived)),
    );
  });
  const empty = Buffer.alloc(0);
  const key = Buffer.from(hkdfSync('sha256', ikm, empty, HKDF_INFO_PAYLOAD_KEY, 32));
  const keyCheck = Buffer.from(
    hkdfSync('sha256', ikm, empty, HKDF_INFO_KEY_CHECK, KEY_CHECK_LENGTH),
  );
  ikm.fill(0);
  return { key, keyCheck };
}

/** Constant-time comparison of a derived key check with the stored one. */
export function keyCheckMatches(derived: Buffer, stored: Buffer): boolean {
  return derived.length === stored.length && timingSafeEqual(derived, stored);
}
