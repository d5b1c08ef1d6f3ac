import {
  CIPHER_NAME,
  COMPRESSIONS,
  FORMAT_NAME,
  FORMAT_VERSION,
  KDF_BOUNDS,
  KEY_CHECK_LENGTH,
  MAGIC,
  MAX_CHUNK_SIZE,
  MAX_HEADER_LENGTH,
  MIN_CHUNK_SIZE,
  MIN_SALT_LENGTH,
  NONCE_PREFIX_LENGTH,
  PREAMBLE_LENGTH,
  type PayloadCompression,
} from './format.constants.js';
import { FormatError } from './format.errors.js';

/** The header JSON of a version 1 file, field for field (docs/format.md). */
export interface BackupHeader {
  format: typeof FORMAT_NAME;
  version: typeof FORMAT_VERSION;
  cipher: typeof CIPHER_NAME;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; /** base64 */ salt: string };
  chunkSize: number;
  /** base64 of 7 bytes */
  noncePrefix: string;
  /** base64 of 16 bytes */
  keyCheck: string;
  compression: PayloadCompression;
  /** Free metadata (engine, dump format, database, created at, job id); not secret. */
  content?: Record<string, unknown>;
}

/** A header with its base64 fields decoded and the exact bytes it was stored as. */
export interface DecodedHeader {
  header: BackupHeader;
  salt: Buffer;
  noncePrefix: Buffer;
  keyCheck: Buffer;
  /** magic ‖ header_length ‖ header_json, as stored: hashed into every chunk's aad. */
  stored: Buffer;
}

/** Serialises a header as magic ‖ uint32 BE length ‖ JSON, fields in specification order. */
export function encodeHeader(header: BackupHeader): Buffer {
  const { format, version, cipher, kdf, chunkSize, noncePrefix, keyCheck, compression } = header;
  const ordered = { format, version, cipher, kdf, chunkSize, noncePrefix, keyCheck, compression };
  const json = Buffer.from(
    JSON.stringify(
      header.content === undefined ? ordered : { ...ordered, content: header.content },
    ),
    'utf8',
  );
  if (json.length > MAX_HEADER_LENGTH) {
    throw new FormatError(
      'BAD_HEADER',
      `bad header: it would be ${json.length} bytes, over the ${MAX_HEADER_LENGTH}-byte limit; keep "content" small`,
    );
  }
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json]);
}

/**
 * Checks the first bytes of a file. Returns the header JSON length once the 12-byte preamble
 * is complete, `undefined` while more bytes are needed, and throws as soon as the bytes seen
 * cannot start a backup.
 */
export function readPreamble(start: Uint8Array): number | undefined {
  const seen = Math.min(start.length, MAGIC.length);
  for (let i = 0; i < seen; i++) {
    if (start[i] !== MAGIC[i]) {
      throw new FormatError('NOT_A_BACKUP', 'not a RahatBack backup (wrong magic bytes)');
    }
  }
  if (start.length < PREAMBLE_LENGTH) return undefined;
  const length = Buffer.from(start.buffer, start.byteOffset, PREAMBLE_LENGTH).readUInt32BE(8);
  if (length > MAX_HEADER_LENGTH) {
    throw new FormatError(
      'BAD_HEADER',
      `bad header: its length ${length} is over the ${MAX_HEADER_LENGTH}-byte limit; the file is damaged or not a version 1 backup`,
    );
  }
  return length;
}

/** Parses and validates the header bytes (preamble included); throws a FormatError naming the fault. */
export function decodeHeader(stored: Buffer): DecodedHeader {
  const json = stored.subarray(PREAMBLE_LENGTH);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    throw new FormatError(
      'BAD_HEADER',
      'bad header: it is not valid UTF-8 JSON; the file is damaged',
    );
  }
  const header = validateHeader(value);
  return {
    header,
    salt: Buffer.from(header.kdf.salt, 'base64'),
    noncePrefix: Buffer.from(header.noncePrefix, 'base64'),
    keyCheck: Buffer.from(header.keyCheck, 'base64'),
    stored,
  };
}

function bad(detail: string): FormatError {
  return new FormatError('BAD_HEADER', `bad header: ${detail}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decodes canonical base64 only, so that one header has one meaning. */
function base64Bytes(value: unknown, field: string): Buffer {
  if (typeof value !== 'string') throw bad(`${field} must be a base64 string`);
  const bytes = Buffer.from(value, 'base64');
  if (bytes.toString('base64') !== value) throw bad(`${field} is not canonical base64`);
  return bytes;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && Number.isInteger(Math.log2(n));
}

/** Validates a parsed header JSON value against version 1; unknown extra fields are ignored. */
export function validateHeader(value: unknown): BackupHeader {
  if (!isRecord(value)) throw bad('it is not a JSON object');
  if (value.format !== FORMAT_NAME) throw bad(`"format" must be "${FORMAT_NAME}"`);
  if (value.version !== FORMAT_VERSION) {
    throw new FormatError(
      'UNSUPPORTED_VERSION',
      `unsupported format version ${JSON.stringify(value.version)}: this reader knows version ${FORMAT_VERSION} only; use a newer rahatback-agent`,
    );
  }
  if (value.cipher !== CIPHER_NAME) throw bad(`"cipher" must be "${CIPHER_NAME}"`);
  validateKdf(value.kdf);
  validateChunkSize(value.chunkSize);
  if (base64Bytes(value.noncePrefix, 'noncePrefix').length !== NONCE_PREFIX_LENGTH) {
    throw bad(`noncePrefix must hold ${NONCE_PREFIX_LENGTH} bytes`);
  }
  if (base64Bytes(value.keyCheck, 'keyCheck').length !== KEY_CHECK_LENGTH) {
    throw bad(`keyCheck must hold ${KEY_CHECK_LENGTH} bytes`);
  }
  if (!COMPRESSIONS.includes(value.compression as PayloadCompression)) {
    throw bad(`"compression" must be one of ${COMPRESSIONS.join(', ')}`);
  }
  if (value.content !== undefined && !isRecord(value.content)) {
    throw bad('"content" must be a JSON object when present');
  }
  return value as unknown as BackupHeader;
}

function validateKdf(kdf: unknown): void {
  if (!isRecord(kdf) || kdf.name !== 'scrypt') throw bad('kdf.name must be "scrypt"');
  const { N, r, p } = kdf;
  if (typeof N !== 'number' || !isPowerOfTwo(N) || N < 2) {
    throw bad(`kdf.N must be a power of two, at least 2 (got ${JSON.stringify(N)})`);
  }
  if (N > KDF_BOUNDS.N) {
    throw bad(
      `kdf.N = 2^${Math.log2(N)} is above the safe bound 2^${Math.log2(KDF_BOUNDS.N)}; refusing to run scrypt with it`,
    );
  }
  for (const [name, v, max] of [
    ['r', r, KDF_BOUNDS.r],
    ['p', p, KDF_BOUNDS.p],
  ] as const) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1 || v > max) {
      throw bad(
        `kdf.${name} = ${JSON.stringify(v)} is outside the safe bounds 1..${max}; refusing to run scrypt with it`,
      );
    }
  }
  if (base64Bytes(kdf.salt, 'kdf.salt').length < MIN_SALT_LENGTH) {
    throw bad(`kdf.salt must hold at least ${MIN_SALT_LENGTH} bytes`);
  }
}

/** Throws unless `chunkSize` is a power of two within the format's bounds. */
export function validateChunkSize(chunkSize: unknown): void {
  if (
    typeof chunkSize !== 'number' ||
    !isPowerOfTwo(chunkSize) ||
    chunkSize < MIN_CHUNK_SIZE ||
    chunkSize > MAX_CHUNK_SIZE
  ) {
    throw bad(
      `chunkSize must be a power of two from ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE} (got ${JSON.stringify(chunkSize)})`,
    );
  }
}
