import { PassThrough, Writable } from 'node:stream';

const OUTPUT_HIGH_WATER_MARK = 256 * 1024;

/**
 * The pipeline's sink: copies every chunk to N outputs (one per destination) and accepts the
 * next chunk only when every output has room, so the slowest destination sets the pace and
 * memory stays bounded. Before ending the outputs it awaits `beforeEnd` (the dump's exit): a
 * storage driver commits an object only on a clean end, so a dump that fails after its last
 * byte never becomes a stored backup.
 */
export class FanOut extends Writable {
  readonly outputs: PassThrough[];
  /** True once every output was ended cleanly (after `beforeEnd`). */
  hasEndedOutputs = false;

  constructor(
    count: number,
    private readonly beforeEnd: () => Promise<void> = () => Promise.resolve(),
  ) {
    super({ highWaterMark: OUTPUT_HIGH_WATER_MARK });
    this.outputs = Array.from({ length: count }, () => {
      const output = new PassThrough({ highWaterMark: OUTPUT_HIGH_WATER_MARK });
      // The driver reading an output reports its failures; an output destroyed before its
      // driver started reading must not crash the process.
      output.on('error', () => undefined);
      return output;
    });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (e?: Error) => void): void {
    const full = this.outputs.filter((output) => !output.write(chunk));
    if (full.length === 0) {
      callback();
      return;
    }
    Promise.all(full.map((output) => waitForDrain(output))).then(() => callback(), callback);
  }

  override _final(callback: (e?: Error) => void): void {
    this.beforeEnd().then(
      () => {
        this.hasEndedOutputs = true;
        for (const output of this.outputs) output.end();
        callback();
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }

  override _destroy(error: Error | null, callback: (e?: Error | null) => void): void {
    // An output that was not ended cleanly makes its driver drop the partial object.
    for (const output of this.outputs) {
      if (!output.writableEnded) output.destroy(error ?? new Error('the backup stopped'));
    }
    callback(error);
  }
}

/**
 * Waits until `output` has room again. An output whose reader went away never drains: the
 * driver that stopped reading rejects its put with the real cause, which aborts the run and
 * destroys this stage, so the wait ends with the run.
 */
function waitForDrain(output: PassThrough): Promise<void> {
  return new Promise((resolve) => output.once('drain', resolve));
}
