import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  createDecryptStream,
  createEncryptStream,
  FormatError,
  type DecryptOptions,
  type EncryptOptions,
  type FormatErrorCode,
} from '../src/index.js';

/** Cheap scrypt cost so that tests run fast; the file format is the same at any cost. */
export const FAST_KDF = { N: 1024, r: 8, p: 1 } as const;

/** A small deterministic generator (mulberry32), so a failing split can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts `data` into pieces of 1..maxPiece bytes, the way a pipe or socket delivers them. */
export function randomPieces(data: Buffer, random: () => number, maxPiece = 20_000): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < data.length;) {
    const size = 1 + Math.floor(random() * maxPiece);
    pieces.push(data.subarray(at, at + size));
    at += size;
  }
  return pieces;
}

export function fixedPieces(data: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < data.length; at += size) pieces.push(data.subarray(at, at + size));
  return pieces;
}

/** Runs `pieces` through `transform` and returns every output piece in order. */
export async function runThrough(
  pieces: readonly Buffer[],
  transform: NodeJS.ReadWriteStream,
): Promise<Buffer[]> {
  const output: Buffer[] = [];
  const sink = new Writable({
    write(piece: Buffer, _encoding, done) {
      output.push(piece);
      done();
    },
  });
  await pipeline(Readable.from(pieces, { objectMode: false }), transform, sink);
  return output;
}

export async function encrypt(
  pieces: readonly Buffer[],
  options: Partial<EncryptOptions> = {},
): Promise<Buffer> {
  const stream = createEncryptStream({
    passphrase: 'correct horse battery staple',
    compression: 'none',
    kdf: FAST_KDF,
    ...options,
  });
  return Buffer.concat(await runThrough(pieces, stream));
}

export async function decrypt(
  pieces: readonly Buffer[],
  options: Partial<DecryptOptions> = {},
): Promise<Buffer> {
  const stream = createDecryptStream({ passphrase: 'correct horse battery staple', ...options });
  return Buffer.concat(await runThrough(pieces, stream));
}

/** Decrypts `file` expecting a refusal; returns the error and the plaintext emitted before it. */
export async function refusal(
  file: Buffer,
  options: Partial<DecryptOptions> = {},
): Promise<{ error: FormatError; emitted: number }> {
  let emitted = 0;
  const stream = createDecryptStream({ passphrase: 'correct horse battery staple', ...options });
  const sink = new Writable({
    write(piece: Buffer, _encoding, done) {
      emitted += piece.length;
      done();
    },
  });
  try {
    await pipeline(Readable.from(fixedPieces(file, 8192)), stream, sink);
  } catch (error) {
    if (error instanceof FormatError) return { error, emitted };
    throw error;
  }
  throw new Error('the file was accepted, a refusal was expected');
}

export function expectCode(error: FormatError, code: FormatErrorCode): void {
  if (error.code !== code) {
    throw new Error(`expected ${code}, got ${error.code}: ${error.message}`);
  }
}

/** Where the header ends in a file: 8 magic bytes, 4 length bytes, then the JSON. */
export function headerEnd(file: Buffer): number {
  return 12 + file.readUInt32BE(8);
}

/** Re-encodes the header JSON after `change`, leaving the records as they were. */
export function rewriteHeader(
  file: Buffer,
  change: (json: Record<string, unknown>) => void,
): Buffer {
  const json = JSON.parse(file.subarray(12, headerEnd(file)).toString('utf8')) as Record<
    string,
    unknown
  >;
  change(json);
  const text = Buffer.from(JSON.stringify(json), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length);
  return Buffer.concat([file.subarray(0, 8), length, text, file.subarray(headerEnd(file))]);
}
