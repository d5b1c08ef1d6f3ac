import { Duplex } from 'node:stream';

/** Enough to recognise a RahatBack file (8-byte magic) or a gzip/zstd frame. */
const HEAD_BYTES = 8;

/**
 * A stage that is chosen when the first bytes arrive: a backup's name may not say whether it
 * is encrypted or compressed, but its first bytes (or an encrypted file's header) do.
 * `create` gets at least the first 8 bytes (fewer only for a shorter input) and returns the
 * stage that handles the whole stream.
 */
export function createDeferredStage(create: (head: Buffer) => Duplex): Duplex {
  let inner: Duplex | undefined;
  let held: Buffer[] = [];

  const outer: Duplex = new Duplex({
    readableHighWaterMark: 256 * 1024,
    writableHighWaterMark: 256 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      if (inner !== undefined) {
        forward(inner, chunk, callback);
        return;
      }
      held.push(chunk);
      const head = Buffer.concat(held);
      if (head.length < HEAD_BYTES) {
        callback();
        return;
      }
      held = [];
      try {
        forward(start(head), head, callback);
      } catch (error) {
        callback(error instanceof Error ? error : new Error(String(error)));
      }
    },
    final(callback) {
      try {
        if (inner === undefined) {
          const head = Buffer.concat(held);
          held = [];
          const stage = start(head);
          if (head.length > 0) stage.write(head);
        }
        inner?.end();
        callback();
      } catch (error) {
        callback(error instanceof Error ? error : new Error(String(error)));
      }
    },
    read() {
      inner?.resume();
    },
    destroy(error, callback) {
      inner?.destroy(error ?? undefined);
      callback(error);
    },
  });

  function start(head: Buffer): Duplex {
    const stage = create(head);
    inner = stage;
    stage.on('data', (data: Buffer) => {
      if (!outer.push(data)) stage.pause();
    });
    stage.once('end', () => outer.push(null));
    stage.once('error', (error) => outer.destroy(error));
    return stage;
  }

  return outer;
}

function forward(stage: Duplex, chunk: Buffer, callback: (error?: Error | null) => void): void {
  if (stage.write(chunk)) callback();
  else stage.once('drain', () => callback());
}
