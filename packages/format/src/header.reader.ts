import type { Readable } from 'node:stream';
import { ByteQueue } from './byte-queue.js';
import { PREAMBLE_LENGTH } from './format.constants.js';
import { FormatError } from './format.errors.js';
import { decodeHeader, readPreamble, type BackupHeader } from './header.codec.js';

/** Resolves the next buffer the paused `source` yields, or null at its end. */
function nextPiece(source: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      source.off('readable', attempt);
      source.off('end', onEnd);
      source.off('error', onError);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    function attempt(): void {
      const piece = source.read() as Buffer | null;
      if (piece !== null) {
        cleanup();
        resolve(piece);
      } else if (source.readableEnded) {
        onEnd();
      }
    }
    source.on('readable', attempt);
    source.once('end', onEnd);
    source.once('error', onError);
    attempt();
  });
}

/**
 * Reads just the header of a backup file from a readable that has not started flowing, then
 * puts every byte it read back (`unshift`), so the same readable can be piped into
 * {@link createDecryptStream} afterwards. Validates the header; does not check a passphrase.
 */
export async function readHeader(source: Readable): Promise<BackupHeader> {
  const queue = new ByteQueue();
  const read: Buffer[] = [];
  let isComplete = false;
  try {
    for (;;) {
      const piece = await nextPiece(source);
      if (piece === null) {
        throw queue.length === 0
          ? new FormatError('NOT_A_BACKUP', 'not a RahatBack backup (the input is empty)')
          : new FormatError('TRUNCATED', 'truncated: the file ends inside its header');
      }
      read.push(piece);
      queue.push(piece);
      const jsonLength = readPreamble(queue.peek(PREAMBLE_LENGTH));
      if (jsonLength !== undefined && queue.length >= PREAMBLE_LENGTH + jsonLength) {
        isComplete = true;
        return decodeHeader(queue.takeJoined(PREAMBLE_LENGTH + jsonLength)).header;
      }
    }
  } finally {
    if (isComplete) source.unshift(Buffer.concat(read));
  }
}

/** Parses and validates the header at the start of `file` (the whole file or just its start). */
export function parseHeader(file: Uint8Array): BackupHeader {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.length === 0) {
    throw new FormatError('NOT_A_BACKUP', 'not a RahatBack backup (the input is empty)');
  }
  const jsonLength = readPreamble(bytes);
  if (jsonLength === undefined || bytes.length < PREAMBLE_LENGTH + jsonLength) {
    throw new FormatError('TRUNCATED', 'truncated: the file ends inside its header');
  }
  return decodeHeader(bytes.subarray(0, PREAMBLE_LENGTH + jsonLength)).header;
}
