import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, runBench } from './src/bench.js';
import { parseSize } from './src/generate.js';

const usage = `pnpm --filter @moneta/bench bench -- [options]
  --sizes 10k,100k,1M   transactions of the measured user, one database each (default 10k,100k)
  --others 2            further users, each with a tenth of the transactions
  --span realistic      realistic: 10-30 years of history (10k: 10, 100k: 20, 1M: 30);
                        long: eight a day whatever the size (1M spans 342 years), a stress case
  --seconds 8           per measured run        --warmup 2   per warm-up run (discarded)
  --rounds 3            alternating rounds per scenario (the median is reported)
  --login-seconds 8     per login run           --connections 10
  --smoke               tiny sizes, one short round, app from source, report in bench/.data
  --out FILE            default bench/results/<date>.md
  --no-build            do not rebuild @moneta/schema and @moneta/api first
  --no-pin              do not pin servers and load generator to separate cores`;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    sizes: { type: 'string' },
    others: { type: 'string', default: '2' },
    span: { type: 'string', default: 'realistic' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    'login-seconds': { type: 'string' },
    connections: { type: 'string', default: '10' },
    seed: { type: 'string', default: '20260630' },
    port: { type: 'string', default: '3400' },
    smoke: { type: 'boolean', default: false },
    out: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'no-pin': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const smoke = values.smoke;
const span = values.span;
if (span !== 'realistic' && span !== 'long') {
  console.error(`--span must be realistic or long, not ${span}\n${usage}`);
  process.exit(2);
}
const date = new Date().toISOString().slice(0, 10);
const result = await runBench({
  sizes: (values.sizes ?? (smoke ? '500' : '10k,100k')).split(',').map(parseSize),
  otherUsers: Number(values.others),
  seed: Number(values.seed),
  span,
  importRows: smoke ? 200 : 10_000,
  seconds: Number(values.seconds ?? (smoke ? 1 : 8)),
  warmupSeconds: Number(values.warmup ?? (smoke ? 0 : 2)),
  loginSeconds: Number(values['login-seconds'] ?? (smoke ? 1 : 8)),
  rounds: Number(values.rounds ?? (smoke ? 1 : 3)),
  connections: Number(values.connections),
  appFrom: smoke ? 'source' : 'dist',
  build: !smoke && !values['no-build'],
  out:
    values.out ??
    (smoke ? join(ROOT, 'bench/.data/smoke.md') : join(ROOT, `bench/results/${date}.md`)),
  dataDir: join(ROOT, 'bench/.data'),
  port: Number(values.port),
  pin: !smoke && !values['no-pin'],
  log: (line) => console.log(`[bench] ${line}`),
});
if (result.problems.length > 0) {
  console.error(`[bench] FAILED:\n${result.problems.join('\n')}`);
  process.exitCode = 1;
}
