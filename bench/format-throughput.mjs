// Throughput of the backup file format's encrypt and decrypt streams, by hand:
//   npm run build -w @rahatback/format && node bench/format-throughput.mjs [MiB]
// Feeds MiB of data (default 256) in 8 KiB writes (pg_dump's pipe) and in 1 MiB writes,
// and prints MB/s next to a single AES-256-GCM pass over the same bytes (the ceiling).
import { createCipheriv, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDecryptStream, createEncryptStream } from '@rahatback/format';

const MIB = 1024 * 1024;
const total = Number(process.argv[2] ?? 256) * MIB;
const block = randomBytes(MIB);
const passphrase = 'benchmark passphrase';

function* pieces(source, pieceSize) {
  for (let at = 0; at < source.totalLength; at += pieceSize) {
    yield source.slice(at, Math.min(at + pieceSize, source.totalLength));
  }
}

// A virtual buffer of `total` bytes made of the same random MiB.
const repeated = {
  totalLength: total,
  slice: (from, to) => block.subarray(from % MIB, (from % MIB) + (to - from)),
};
async function run(source, pieceSize, transform, keep) {
  const kept = [];
  let bytes = 0;
  const sink = new Writable({
    highWaterMark: MIB,
    write(chunk, _encoding, done) {
      bytes += chunk.length;
      if (keep) kept.push(chunk);
      done();
    },
  });
  const started = performance.now();
  await pipeline(Readable.from(pieces(source, pieceSize), { objectMode: false }), transform, sink);
  const seconds = (performance.now() - started) / 1000;
  return { seconds, bytes, kept };
}

const rate = (bytes, seconds) => `${(bytes / 1e6 / seconds).toFixed(0).padStart(5)} MB/s`;

const gcm = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
let started = performance.now();
for (let at = 0; at < total; at += MIB) gcm.update(block);
gcm.final();
console.log(
  `one AES-256-GCM pass, 1 MiB updates      ${rate(total, (performance.now() - started) / 1000)}`,
);

// A cheap KDF isolates the streaming cost; the default scrypt cost is timed once, apart.
const kdf = { N: 1024, r: 8, p: 1 };
for (const [label, pieceSize] of [
  ['8 KiB', 8 * 1024],
  ['1 MiB', MIB],
]) {
  for (const round of ['warm-up', 'measured']) {
    const enc = await run(
      repeated,
      pieceSize,
      createEncryptStream({ passphrase, compression: 'none', kdf }),
      true,
    );
    const joined = Buffer.concat(enc.kept);
    const file = { totalLength: joined.length, slice: (from, to) => joined.subarray(from, to) };
    const dec = await run(file, pieceSize, createDecryptStream({ passphrase }), false);
    if (dec.bytes !== total) throw new Error(`decrypted ${dec.bytes} bytes, expected ${total}`);
    if (round === 'warm-up') continue;
    console.log(`encrypt ${total / MIB} MiB in ${label} writes        ${rate(total, enc.seconds)}`);
    console.log(`decrypt ${total / MIB} MiB in ${label} writes        ${rate(total, dec.seconds)}`);
  }
}
started = performance.now();
await run({ totalLength: 0 }, MIB, createEncryptStream({ passphrase, compression: 'none' }), false);
console.log(
  `default scrypt (N=2^15, r=8, p=3), once per file: ${(performance.now() - started).toFixed(0)} ms`,
);
console.log(
  `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (holds the whole encrypted file for the decrypt runs)`,
);
