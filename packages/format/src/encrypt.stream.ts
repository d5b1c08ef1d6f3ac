import { createHash, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ByteQueue } from './byte-queue.js';
import { MAX_CHUNK_INDEX, sealChunk, type ChunkKeying } from './chunk.cipher.js';
import {
  CIPHER_NAME,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_KDF,
  FORMAT_NAME,
  FORMAT_VERSION,
  NONCE_PREFIX_LENGTH,
  SALT_LENGTH,
  type KdfParams,
  type PayloadCompression,
} from './format.constants.js';
import { encodeHeader, validateHeader, type BackupHeader } from './header.codec.js';
import { deriveKeys } from './key.derive.js';
import { OUTPUT_BATCH_BYTES, OutputBatch } from './output-batch.js';

/** Options of {@link createEncryptStream}. */
export interface EncryptOptions {
  /** Any non-empty string; used as its UTF-8 bytes, without normalisation. */
  passphrase: string;
  /** What the plaintext fed in already is; recorded so that a reader can decompress it. */
  compression: PayloadCompression;
  /** Free, non-secret metadata stored in the header (engine, database, created at, job id). */
  content?: Record<string, unknown>;
  /** Plaintext bytes per chunk: a power of two from 16384 to 4194304. Default 65536. */
  chunkSize?: number;
  /** scrypt cost. Default {@link DEFAULT_KDF}. */
  kdf?: KdfParams;
  /**
   * For test vectors only: use this salt (≥ 16 bytes) and nonce prefix (7 bytes) instead
   * of fresh random ones. Never reuse a salt or nonce prefix for real data: two files with
   * the same passphrase, salt and prefix share their keystream.
   */
  fixedRandomness?: { salt: Uint8Array; noncePrefix: Uint8Array };
}

interface WriterState {
  keying: ChunkKeying;
  headerBytes: Buffer;
}

function buildHeader(
  options: EncryptOptions,
  salt: Buffer,
  noncePrefix: Buffer,
  keyCheck: Buffer,
): BackupHeader {
  const kdf = options.kdf ?? DEFAULT_KDF;
  const header: BackupHeader = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    cipher: CIPHER_NAME,
    kdf: { name: 'scrypt', N: kdf.N, r: kdf.r, p: kdf.p, salt: salt.toString('base64') },
    chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
    noncePrefix: noncePrefix.toString('base64'),
    keyCheck: keyCheck.toString('base64'),
    compression: options.compression,
  };
  if (options.content !== undefined) header.content = options.content;
  return validateHeader(header);
}

async function prepareWriter(options: EncryptOptions): Promise<WriterState> {
  const salt = Buffer.from(options.fixedRandomness?.salt ?? randomBytes(SALT_LENGTH));
  const noncePrefix = Buffer.from(
    options.fixedRandomness?.noncePrefix ?? randomBytes(NONCE_PREFIX_LENGTH),
  );
  const { key, keyCheck } = await deriveKeys(options.passphrase, salt, options.kdf ?? DEFAULT_KDF);
  const headerBytes = encodeHeader(buildHeader(options, salt, noncePrefix, keyCheck));
  const aad = createHash('sha256').update(headerBytes).digest();
  return { keying: { key, noncePrefix, aad }, headerBytes };
}

class EncryptStream extends Transform {
  private readonly chunkSize: number;
  private readonly ready: Promise<WriterState>;
  private state: WriterState | undefined;
  private readonly pending = new ByteQueue();
  private readonly output = new OutputBatch();
  private nextIndex = 0;
  // Node may still hand over writes buffered before a failure; they must not be sealed.
  private hasFailed = false;

  constructor(options: EncryptOptions) {
    super({ writableHighWaterMark: OUTPUT_BATCH_BYTES, readableHighWaterMark: OUTPUT_BATCH_BYTES });
    if (options.passphrase.length === 0) throw new RangeError('the passphrase must not be empty');
    // Validate every option now, so that a mistake surfaces at construction, not mid-stream.
    buildHeader(
      options,
      Buffer.alloc(SALT_LENGTH),
      Buffer.alloc(NONCE_PREFIX_LENGTH),
      Buffer.alloc(16),
    );
    this.chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    this.ready = prepareWriter(options);
    // Observed here so a failed derivation before the first write is not an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  override _transform(piece: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.whenReady(done, (state) => {
      this.pending.push(piece);
      while (this.pending.length >= this.chunkSize) {
        this.seal(state, false, this.pending.take(this.chunkSize));
      }
      if (this.output.length >= OUTPUT_BATCH_BYTES) this.push(this.output.drain());
    });
  }

  override _flush(done: TransformCallback): void {
    this.whenReady(done, (state) => {
      // The last chunk always exists, possibly empty: its flag is what proves the end.
      this.seal(state, true, this.pending.take(this.pending.length));
      this.push(this.output.drain());
    });
  }

  private whenReady(done: TransformCallback, work: (state: WriterState) => void): void {
    const run = (state: WriterState): void => {
      try {
        work(state);
        done();
      } catch (error) {
        this.fail(done, error);
      }
    };
    if (this.hasFailed) return done();
    if (this.state !== undefined) return run(this.state);
    this.ready.then(
      (state) => {
        this.state = state;
        this.output.add(state.headerBytes);
        run(state);
      },
      (error: unknown) => this.fail(done, error),
    );
  }

  private fail(done: TransformCallback, error: unknown): void {
    this.hasFailed = true;
    done(error as Error);
  }

  private seal(state: WriterState, isLast: boolean, plaintext: Buffer[]): void {
    if (this.nextIndex > MAX_CHUNK_INDEX) {
      throw new RangeError(
        'the payload is too large for a 32-bit chunk counter; use a larger chunkSize',
      );
    }
    sealChunk(state.keying, this.nextIndex++, isLast, plaintext, this.output.parts);
    this.output.recount();
  }
}

/**
 * A Transform that turns a plaintext payload into a RahatBack backup file, version 1:
 * it emits the header, then one sealed record per chunk, the last one flagged.
 * The key is derived with scrypt off the event loop before the first byte is emitted.
 * Throws synchronously (FormatError BAD_HEADER, RangeError) on invalid options.
 */
export function createEncryptStream(options: EncryptOptions): Transform {
  return new EncryptStream(options);
}
