import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { PipelineError } from '../pipeline-error.js';

/** A pass-through that hashes and counts what flows through it. */
export class Sha256Stream extends Transform {
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');
  private hex: string | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  /** The hex digest; only valid once the stream has ended. */
  digest(): string {
    this.hex ??= this.hash.digest('hex');
    return this.hex;
  }
}

/**
 * Hashes what flows through and, when the input ends, refuses to end its own output unless
 * the digest matches. The consumer (a restore client) therefore never sees a clean end of
 * input for a backup whose bytes changed: it is cut off with an error instead.
 */
export class Sha256VerifyStream extends Sha256Stream {
  constructor(private readonly expectedHex: string | undefined) {
    super();
  }

  override _flush(callback: TransformCallback): void {
    const actual = this.digest();
    if (this.expectedHex !== undefined && actual !== this.expectedHex.toLowerCase()) {
      callback(
        new PipelineError(
          'CHECKSUM_MISMATCH',
          `The backup's SHA-256 is ${actual} but ${this.expectedHex} was recorded when it was made: the stored file changed or was damaged. Restore another backup.`,
        ),
      );
      return;
    }
    callback();
  }
}
