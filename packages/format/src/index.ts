/**
 * The RahatBack encrypted backup file format, version 1 (specification: docs/format.md).
 *
 * Usable on its own:
 * ```ts
 * await pipeline(dump, createEncryptStream({ passphrase, compression: 'zstd' }), file);
 * await pipeline(file, createDecryptStream({ passphrase }), restore);
 * ```
 */
export {
  COMPRESSIONS,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_KDF,
  FORMAT_VERSION,
  KDF_BOUNDS,
  MAGIC,
  MAX_CHUNK_SIZE,
  MAX_HEADER_LENGTH,
  MIN_CHUNK_SIZE,
  MIN_SALT_LENGTH,
  TAG_LENGTH,
  type KdfParams,
  type PayloadCompression,
} from './format.constants.js';
export { FormatError, type FormatErrorCode } from './format.errors.js';
export type { BackupHeader } from './header.codec.js';
export { createEncryptStream, type EncryptOptions } from './encrypt.stream.js';
export { createDecryptStream, type DecryptOptions } from './decrypt.stream.js';
export { parseHeader, readHeader } from './header.reader.js';
