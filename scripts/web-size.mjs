// Prints the size of the web app's first load: the entry script plus every chunk that
// index.html preloads, raw and gzipped (level 9), from apps/web/dist (run the build first).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../apps/web/dist/', import.meta.url).pathname;
const html = await readFile(join(dist, 'index.html'), 'utf8').catch(() => {
  console.error('apps/web/dist/index.html is missing: run `npm run build -w @rahatback/web` first');
  process.exit(1);
});
const scripts = [
  ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/?([^"]+\.js)"/g),
].map((match) => match[1]);
let raw = 0;
let gzip = 0;
for (const file of new Set(scripts)) {
  const bytes = await readFile(join(dist, file));
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => `${(n / 1000).toFixed(0)} KB`;
console.log(`initial JavaScript: ${new Set(scripts).size} files, ${kb(raw)} raw, ${kb(gzip)} gzip`);
