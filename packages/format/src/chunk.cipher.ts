import { createCipheriv, createDecipheriv } from 'node:crypto';
import { NONCE_PREFIX_LENGTH, TAG_LENGTH } from './format.constants.js';

/** The highest chunk index a uint32 counter can name. */
export const MAX_CHUNK_INDEX = 0xffffffff;

/** What every chunk of one file is sealed with. */
export interface ChunkKeying {
  key: Buffer;
  noncePrefix: Buffer;
  /** SHA-256 of the stored header bytes. */
  aad: Buffer;
}

/** nonce = noncePrefix (7 bytes) ‖ uint32 BE index ‖ 0x01 for the last chunk, else 0x00. */
export function chunkNonce(noncePrefix: Buffer, index: number, isLast: boolean): Buffer {
  const nonce = Buffer.alloc(NONCE_PREFIX_LENGTH + 5);
  noncePrefix.copy(nonce, 0, 0, NONCE_PREFIX_LENGTH);
  nonce.writeUInt32BE(index, NONCE_PREFIX_LENGTH);
  nonce[NONCE_PREFIX_LENGTH + 4] = isLast ? 1 : 0;
  return nonce;
}

/** Encrypts one chunk given as pieces; appends ciphertext pieces then the tag to `out`. */
export function sealChunk(
  keying: ChunkKeying,
  index: number,
  isLast: boolean,
  plaintext: readonly Buffer[],
  out: Buffer[],
): void {
  const cipher = createCipheriv(
    'aes-256-gcm',
    keying.key,
    chunkNonce(keying.noncePrefix, index, isLast),
  );
  cipher.setAAD(keying.aad);
  for (const piece of plaintext) out.push(cipher.update(piece));
  cipher.final();
  out.push(cipher.getAuthTag());
}

/**
 * Decrypts one record (ciphertext pieces, then its tag). Returns the plaintext pieces, or
 * `undefined` if the tag does not verify; nothing is returned unverified.
 */
export function openChunk(
  keying: ChunkKeying,
  index: number,
  isLast: boolean,
  ciphertext: readonly Buffer[],
  tag: Buffer,
): Buffer[] | undefined {
  const decipher = createDecipheriv(
    'aes-256-gcm',
    keying.key,
    chunkNonce(keying.noncePrefix, index, isLast),
    { authTagLength: TAG_LENGTH },
  );
  decipher.setAAD(keying.aad);
  decipher.setAuthTag(tag);
  const plaintext = ciphertext.map((piece) => decipher.update(piece));
  try {
    decipher.final();
  } catch {
    return undefined;
  }
  return plaintext;
}

/** Splits a contiguous record into its ciphertext and its trailing 16-byte tag. */
export function openRecord(
  keying: ChunkKeying,
  index: number,
  isLast: boolean,
  record: Buffer,
): Buffer[] | undefined {
  const split = record.length - TAG_LENGTH;
  return openChunk(keying, index, isLast, [record.subarray(0, split)], record.subarray(split));
}
