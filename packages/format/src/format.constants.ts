/**
 * The fixed numbers of the RahatBack backup file format, version 1 (docs/format.md).
 * Changing any of them changes the format: add a new version instead.
 */

/** The 8 bytes every backup file starts with: "RBK1\r\n\x1a\n". */
export const MAGIC: Readonly<Uint8Array> = Uint8Array.of(
  0x52,
  0x42,
  0x4b,
  0x31,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
);

/** The only format version this package reads and writes. */
export const FORMAT_VERSION = 1;
export const FORMAT_NAME = 'rahatback-backup';
export const CIPHER_NAME = 'AES-256-GCM-STREAM';

/** The header JSON may not be longer than this many bytes. */
export const MAX_HEADER_LENGTH = 65536;
/** Magic plus the uint32 big-endian header length. */
export const PREAMBLE_LENGTH = MAGIC.length + 4;

export const DEFAULT_CHUNK_SIZE = 65536;
export const MIN_CHUNK_SIZE = 16384;
export const MAX_CHUNK_SIZE = 4194304;

export const TAG_LENGTH = 16;
export const NONCE_PREFIX_LENGTH = 7;
export const KEY_CHECK_LENGTH = 16;
export const MIN_SALT_LENGTH = 16;
/** Length of the salt this package writes. */
export const SALT_LENGTH = 16;

/** scrypt cost parameters, as stored in the header. */
export interface KdfParams {
  /** CPU/memory cost: a power of two. Memory used is about 128 · N · r bytes. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelism (computed one after the other here, so it costs time, not memory). */
  p: number;
}

/**
 * Written by default: 32 MiB of scrypt memory, so the agent stays under its RSS budget,
 * with p = 3 to reach OWASP's minimum work factor (docs/decisions/0003-scrypt-parameters.md).
 */
export const DEFAULT_KDF: Readonly<KdfParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 3 });

/** A reader refuses anything above these, so a hostile header cannot exhaust memory or time. */
export const KDF_BOUNDS: Readonly<KdfParams> = Object.freeze({ N: 2 ** 20, r: 32, p: 16 });

export const HKDF_INFO_PAYLOAD_KEY = 'rahatback v1 payload key';
export const HKDF_INFO_KEY_CHECK = 'rahatback v1 key check';

/** What the payload holds; the reader decompresses accordingly. */
export const COMPRESSIONS = ['none', 'gzip', 'zstd'] as const;
export type PayloadCompression = (typeof COMPRESSIONS)[number];
