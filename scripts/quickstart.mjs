#!/usr/bin/env node
// One command on a fresh machine with Node >= 20.19 and npm: install, build, start.
// Uses pnpm when present, else runs the pinned pnpm through npx.
import { spawn, spawnSync } from 'node:child_process';

const PNPM = 'pnpm@10.34.9';
const hasPnpm = spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).status === 0;
const [command, prefix] = hasPnpm ? ['pnpm', []] : ['npx', ['--yes', PNPM]];

// Only what runs the app: the schema, the API and the web app (not the test and bench packages).
const build = [
  '-r',
  '--workspace-concurrency=1',
  '--filter',
  '@moneta/api...',
  '--filter',
  '@moneta/web...',
  'build',
];
for (const args of [['install', '--frozen-lockfile'], build]) {
  const result = spawnSync(command, [...prefix, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The server runs in the foreground; SIGTERM and SIGINT are passed on for a graceful shutdown.
const server = spawn(process.execPath, ['apps/api/dist/server.js'], { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
