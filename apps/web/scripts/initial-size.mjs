// The JavaScript the first screen needs, gzipped: the entry script of dist/index.html and every
// module it preloads. Fails above the budget (issue 5), so a stray runtime import shows at once.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 100;
const dist = new URL('../dist/', import.meta.url);
const html = readFileSync(new URL('index.html', dist), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]);
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length / 1000;
  total += size;
  console.log(`${size.toFixed(2).padStart(8)} kB  ${file}`);
}
console.log(`${total.toFixed(2).padStart(8)} kB  initial JS, gzipped (budget ${BUDGET_KB} kB)`);
if (total > BUDGET_KB) process.exitCode = 1;
