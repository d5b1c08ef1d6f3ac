import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  decrypt,
  encrypt,
  FAST_KDF,
  fixedPieces,
  headerEnd,
  randomPieces,
  runThrough,
  seededRandom,
} from '../test/format-helpers.js';
import { createDecryptStream, createEncryptStream, parseHeader, readHeader } from './index.js';

const SMALL_CHUNK = 16384;

describe('encrypt then decrypt gives back the same bytes', () => {
  const sizes = [
    ['0 bytes', 0],
    ['1 byte', 1],
    ['chunkSize - 1', SMALL_CHUNK - 1],
    ['exactly chunkSize', SMALL_CHUNK],
    ['exactly 2 chunkSize', 2 * SMALL_CHUNK],
    ['random large', 1_000_000 + Math.floor(Math.random() * 100_000)],
  ] as const;

  for (const [name, size] of sizes) {
    it(`${name} (${size}), fed in random-sized pieces both ways`, async () => {
      const seed = Math.floor(Math.random() * 2 ** 31);
      const random = seededRandom(seed);
      const data = randomBytes(size);
      const file = await encrypt(randomPieces(data, random), { chunkSize: SMALL_CHUNK });
      const back = await decrypt(randomPieces(file, random));
      expect(back.equals(data), `seed ${seed}`).toBe(true);
      // Records: every full chunk, plus the last one holding the remainder (maybe empty).
      const records = Math.floor(size / SMALL_CHUNK) + 1;
      expect(file.length).toBe(headerEnd(file) + size + 16 * records);
    });
  }

  it('round-trips 3 MiB with the default chunk size, in 8 KiB and in 1 MiB writes', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 12345);
    for (const pieceSize of [8192, 1024 * 1024]) {
      const file = await encrypt(fixedPieces(data, pieceSize));
      expect(parseHeader(file).chunkSize).toBe(65536);
      expect((await decrypt(fixedPieces(file, pieceSize))).equals(data)).toBe(true);
    }
  });

  it('round-trips with the largest chunk size', async () => {
    const data = randomBytes(9 * 1024 * 1024);
    const file = await encrypt(fixedPieces(data, 65536), { chunkSize: 4194304 });
    expect((await decrypt(fixedPieces(file, 100_000))).equals(data)).toBe(true);
  });

  it('derives with the default scrypt cost when none is given', async () => {
    const stream = createEncryptStream({ passphrase: 'pw', compression: 'none' });
    const file = Buffer.concat(await runThrough([Buffer.from('hello')], stream));
    expect(parseHeader(file).kdf).toMatchObject({ N: 32768, r: 8, p: 3 });
    expect((await decrypt([file], { passphrase: 'pw' })).toString()).toBe('hello');
  });
});

describe('the header', () => {
  it('records compression and content, and is handed over before any plaintext', async () => {
    const content = { engine: 'postgres', database: 'shop', jobId: 'job-1' };
    const file = await encrypt([Buffer.from('payload')], { compression: 'zstd', content });
    const events: string[] = [];
    const stream = createDecryptStream({
      passphrase: 'correct horse battery staple',
      onHeader: (header) =>
        events.push(`header ${header.compression} ${header.content?.database as string}`),
    });
    stream.on('data', () => events.push('data'));
    await runThrough([file], stream);
    expect(events[0]).toBe('header zstd shop');
    expect(events).toContain('data');
  });

  it('readHeader reads the header and leaves the whole file for the decrypt stream', async () => {
    const data = randomBytes(100_000);
    const file = await encrypt(fixedPieces(data, 8192), { compression: 'gzip' });
    const source = Readable.from(fixedPieces(file, 100));
    const header = await readHeader(source);
    expect(header.compression).toBe('gzip');
    const back = Buffer.concat(
      await runThrough(
        await source.toArray(),
        createDecryptStream({ passphrase: 'correct horse battery staple' }),
      ),
    );
    expect(back.equals(data)).toBe(true);
  });

  it('uses a fresh salt and nonce prefix for every file', async () => {
    const one = parseHeader(await encrypt([Buffer.from('same')]));
    const two = parseHeader(await encrypt([Buffer.from('same')]));
    expect(one.kdf.salt).not.toBe(two.kdf.salt);
    expect(one.noncePrefix).not.toBe(two.noncePrefix);
    expect(one.kdf).toMatchObject(FAST_KDF);
  });
});

describe('streaming behaviour', () => {
  it('pushes output in blocks of at least 256 KiB whatever the write size', async () => {
    const data = randomBytes(2 * 1024 * 1024);
    const encrypted = await runThrough(
      fixedPieces(data, 8192),
      createEncryptStream({ passphrase: 'pw', compression: 'none', kdf: FAST_KDF }),
    );
    expect(encrypted.slice(0, -1).every((piece) => piece.length >= 256 * 1024)).toBe(true);
    const decrypted = await runThrough(
      fixedPieces(Buffer.concat(encrypted), 8192),
      createDecryptStream({ passphrase: 'pw' }),
    );
    expect(decrypted.slice(0, -1).every((piece) => piece.length >= 256 * 1024)).toBe(true);
    expect(Buffer.concat(decrypted).equals(data)).toBe(true);
  });
});
