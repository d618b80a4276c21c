// Writes a .br and a .gz beside each text file of dist/, after `vite build`: the API serves them
// with @fastify/static's preCompressed, so no request pays for compressing a static file.
// Source maps are left out (only devtools fetch them); so is a copy not smaller than the file.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const COMPRESSIBLE = /\.(?:html|js|mjs|css|svg|json|txt|webmanifest)$/;

let before = 0;
let after = 0;
const files = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name))
  .map((entry) => join(entry.parentPath, entry.name))
  .sort();
for (const path of files) {
  const source = readFileSync(path);
  const variants = {
    br: brotliCompressSync(source, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    }),
    gz: gzipSync(source, { level: 9 }),
  };
  for (const [extension, compressed] of Object.entries(variants)) {
    if (compressed.length < source.length) writeFileSync(`${path}.${extension}`, compressed);
  }
  before += source.length;
  after += Math.min(source.length, variants.br.length);
  console.log(
    `${(source.length / 1000).toFixed(1).padStart(8)} kB -> br ${(variants.br.length / 1000).toFixed(1).padStart(6)} kB, gz ${(variants.gz.length / 1000).toFixed(1).padStart(6)} kB  ${relative(dist, path)}`,
  );
}
console.log(
  `${(before / 1000).toFixed(1).padStart(8)} kB -> br ${(after / 1000).toFixed(1)} kB in all`,
);
