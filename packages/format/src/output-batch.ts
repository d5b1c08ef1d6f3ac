/** Encrypted or decrypted output is pushed downstream in blocks of at least this size. */
export const OUTPUT_BATCH_BYTES = 256 * 1024;

/**
 * Output waiting to be pushed. Gathering several chunks into one push keeps the per-push
 * costs of the stages downstream (hashing, compression, upload) low.
 */
export class OutputBatch {
  readonly parts: Buffer[] = [];
  private counted = 0;
  private bytes = 0;

  get length(): number {
    return this.bytes;
  }

  add(part: Buffer): void {
    this.parts.push(part);
    this.recount();
  }

  /** Accounts for parts appended to `parts` directly. */
  recount(): void {
    for (; this.counted < this.parts.length; this.counted++) {
      this.bytes += (this.parts[this.counted] as Buffer).length;
    }
  }

  /** Everything gathered, as one buffer; the batch is empty afterwards. */
  drain(): Buffer {
    const joined =
      this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.bytes);
    this.parts.length = 0;
    this.counted = 0;
    this.bytes = 0;
    return joined;
  }
}
