import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ByteQueue } from './byte-queue.js';
import { openChunk, type ChunkKeying } from './chunk.cipher.js';
import { diagnoseFinalRecord, diagnoseFullRecord } from './chunk.diagnose.js';
import { PREAMBLE_LENGTH, TAG_LENGTH } from './format.constants.js';
import { FormatError } from './format.errors.js';
import {
  decodeHeader,
  readPreamble,
  type BackupHeader,
  type DecodedHeader,
} from './header.codec.js';
import { deriveKeys, keyCheckMatches } from './key.derive.js';
import { OUTPUT_BATCH_BYTES, OutputBatch } from './output-batch.js';

/** Options of {@link createDecryptStream}. */
export interface DecryptOptions {
  passphrase: string;
  /**
   * Called once the header has been read and validated, before the passphrase is checked
   * and before any plaintext is emitted: the place to pick a decompressor from
   * `header.compression`.
   */
  onHeader?: (header: BackupHeader) => void;
}

interface ReaderState {
  keying: ChunkKeying;
  chunkSize: number;
}

/** Reads the header, checks the passphrase, then reads the records (see docs/format.md). */
class DecryptStream extends Transform {
  private readonly pending = new ByteQueue();
  private readonly output = new OutputBatch();
  private state: ReaderState | undefined;
  private nextIndex = 0;
  // Node may still hand over writes buffered before the failure; they must not be read.
  private hasFailed = false;

  constructor(private readonly options: DecryptOptions) {
    super({ writableHighWaterMark: OUTPUT_BATCH_BYTES, readableHighWaterMark: OUTPUT_BATCH_BYTES });
  }

  override _transform(piece: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.hasFailed) return done();
    this.pending.push(piece);
    if (this.state !== undefined) return this.settle(done, () => this.openFullRecords());
    let decoded: DecodedHeader | undefined;
    try {
      decoded = this.takeHeader();
    } catch (error) {
      return this.fail(done, error);
    }
    if (decoded === undefined) return done();
    this.unlock(decoded).then(
      (state) => {
        this.state = state;
        this.settle(done, () => this.openFullRecords());
      },
      (error: unknown) => this.fail(done, error),
    );
  }

  override _flush(done: TransformCallback): void {
    this.settle(
      done,
      () => {
        if (this.state === undefined) throw this.endedInHeader();
        this.openFinalRecord(this.state);
      },
      true,
    );
  }

  /** Runs `work`, pushes what it verified (everything when `isFinal`), then reports. */
  private settle(done: TransformCallback, work: () => void, isFinal = false): void {
    try {
      work();
    } catch (error) {
      return this.fail(done, error);
    }
    const isWorthPushing = isFinal
      ? this.output.length > 0
      : this.output.length >= OUTPUT_BATCH_BYTES;
    if (isWorthPushing) this.push(this.output.drain());
    done();
  }

  private fail(done: TransformCallback, error: unknown): void {
    this.hasFailed = true;
    done(error as Error);
  }

  /** Returns the header once all its bytes are queued; throws as soon as it is invalid. */
  private takeHeader(): DecodedHeader | undefined {
    const jsonLength = readPreamble(this.pending.peek(PREAMBLE_LENGTH));
    if (jsonLength === undefined || this.pending.length < PREAMBLE_LENGTH + jsonLength) {
      return undefined;
    }
    const decoded = decodeHeader(this.pending.takeJoined(PREAMBLE_LENGTH + jsonLength));
    this.options.onHeader?.(decoded.header);
    return decoded;
  }

  private async unlock({
    header,
    salt,
    noncePrefix,
    keyCheck,
    stored,
  }: DecodedHeader): Promise<ReaderState> {
    const derived = await deriveKeys(this.options.passphrase, salt, header.kdf);
    if (!keyCheckMatches(derived.keyCheck, keyCheck)) {
      throw new FormatError(
        'WRONG_PASSPHRASE',
        'wrong passphrase: the key check does not match; nothing was decrypted',
      );
    }
    const aad = createHash('sha256').update(stored).digest();
    return { keying: { key: derived.key, noncePrefix, aad }, chunkSize: header.chunkSize };
  }

  // A record of full size is never the last one: the last chunk holds fewer than chunkSize bytes.
  private openFullRecords(): void {
    const state = this.state as ReaderState;
    const recordSize = state.chunkSize + TAG_LENGTH;
    while (this.pending.length >= recordSize) {
      const ciphertext = this.pending.take(state.chunkSize);
      const tag = this.pending.takeJoined(TAG_LENGTH);
      const plaintext = openChunk(state.keying, this.nextIndex, false, ciphertext, tag);
      if (plaintext === undefined) {
        throw diagnoseFullRecord(state.keying, this.nextIndex, Buffer.concat([...ciphertext, tag]));
      }
      for (const part of plaintext) this.output.add(part);
      this.nextIndex++;
      if (this.output.length >= OUTPUT_BATCH_BYTES) this.push(this.output.drain());
    }
  }

  private openFinalRecord(state: ReaderState): void {
    const index = this.nextIndex;
    const rest = this.pending.length;
    if (rest === 0) {
      throw new FormatError(
        'TRUNCATED',
        index === 0
          ? 'truncated: the file ends right after its header, before chunk 0'
          : `truncated: the file ends after chunk ${index - 1} without its last chunk`,
      );
    }
    if (rest < TAG_LENGTH) {
      throw new FormatError(
        'TRUNCATED',
        `truncated: the file ends inside chunk ${index}, before its authentication tag`,
      );
    }
    const ciphertext = this.pending.take(rest - TAG_LENGTH);
    const tag = this.pending.takeJoined(TAG_LENGTH);
    const plaintext = openChunk(state.keying, index, true, ciphertext, tag);
    if (plaintext === undefined) {
      throw diagnoseFinalRecord(state.keying, index, Buffer.concat([...ciphertext, tag]));
    }
    for (const part of plaintext) this.output.add(part);
    this.nextIndex++;
  }

  private endedInHeader(): FormatError {
    if (this.pending.length === 0) {
      return new FormatError('NOT_A_BACKUP', 'not a RahatBack backup (the input is empty)');
    }
    return new FormatError('TRUNCATED', 'truncated: the file ends inside its header');
  }
}

/**
 * A Transform that turns a RahatBack backup file (version 1) back into its payload.
 * It checks the passphrase against the header's keyCheck before decrypting anything, and
 * emits each chunk's plaintext only after that chunk's tag verified. It fails with a
 * {@link FormatError} naming the fault; plaintext of chunks verified before a later fault has
 * already been emitted, so a consumer must treat the stream's error as the run's failure.
 */
export function createDecryptStream(options: DecryptOptions): Transform {
  return new DecryptStream(options);
}
