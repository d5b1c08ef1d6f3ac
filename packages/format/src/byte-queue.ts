/**
 * A FIFO of incoming buffers from which exact byte counts can be taken without joining
 * the buffers first: input arriving in 8 KiB pieces is cut into whole chunks as views,
 * and copied only where a chunk boundary forces it (never on the hot path).
 */
export class ByteQueue {
  private pieces: Buffer[] = [];
  private head = 0;
  private total = 0;

  /** Bytes currently queued. */
  get length(): number {
    return this.total;
  }

  push(piece: Buffer): void {
    if (piece.length === 0) return;
    this.pieces.push(piece);
    this.total += piece.length;
  }

  /** Removes the next `count` bytes (at most `length`) and returns them as views, in order. */
  take(count: number): Buffer[] {
    if (count > this.total) throw new RangeError(`cannot take ${count} of ${this.total} bytes`);
    const taken: Buffer[] = [];
    let missing = count;
    while (missing > 0) {
      const piece = this.pieces[this.head] as Buffer;
      if (piece.length <= missing) {
        taken.push(piece);
        missing -= piece.length;
        this.head++;
      } else {
        taken.push(piece.subarray(0, missing));
        this.pieces[this.head] = piece.subarray(missing);
        missing = 0;
      }
    }
    this.total -= count;
    this.compact();
    return taken;
  }

  /** Removes the next `count` bytes as one contiguous buffer (a copy only if they span pieces). */
  takeJoined(count: number): Buffer {
    const taken = this.take(count);
    return taken.length === 1 ? (taken[0] as Buffer) : Buffer.concat(taken, count);
  }

  /** The first `count` bytes (at most `length`) without removing them. */
  peek(count: number): Buffer {
    const wanted = Math.min(count, this.total);
    const parts: Buffer[] = [];
    let gathered = 0;
    for (let i = this.head; gathered < wanted; i++) {
      const piece = this.pieces[i] as Buffer;
      parts.push(piece.subarray(0, wanted - gathered));
      gathered += Math.min(piece.length, wanted - gathered);
    }
    return Buffer.concat(parts, wanted);
  }

  // Dropping consumed slots in bulk keeps take() O(pieces taken), not O(pieces queued).
  private compact(): void {
    if (this.head === this.pieces.length) {
      this.pieces = [];
      this.head = 0;
    } else if (this.head > 64 && this.head * 2 > this.pieces.length) {
      this.pieces = this.pieces.slice(this.head);
      this.head = 0;
    }
  }
}
