import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface RunningServer {
  name: string;
  url: string;
  process: ChildProcess;
  /** Everything the server wrote, for the error message when it dies. */
  output: () => string;
  stop(): Promise<void>;
}

/**
 * The most memory the server's process has held resident since it started (VmHWM), in MB; null
 * where /proc does not tell.
 */
export function peakRssMb(server: RunningServer): number | null {
  const { pid } = server.process;
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** True when `taskset` exists and there are at least two cores to split. */
export function canPin(cores: number): boolean {
  return cores >= 2 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** Pins every thread of this process (the load generator) to one core. */
export function pinSelf(core: number): void {
  spawnSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], { stdio: 'ignore' });
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * A port p in [from, to) with p and p + 1 both free, starting at a random place so that two
 * concurrent test runs rarely probe the same ports.
 */
export async function freePortPair(from: number, to: number): Promise<number> {
  const span = to - from - 1;
  const start = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i += 1) {
    const port = from + ((start + i) % span);
    if ((await isFree(port)) && (await isFree(port + 1))) return port;
  }
  throw new Error(`no two free ports in ${from}-${to}`);
}

async function waitUntilHealthy(
  url: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server at ${url} did not become healthy:\n${output()}`);
}

/**
 * Starts a server in its own process group (so stop() ends it and only it, children included),
 * optionally pinned to one core, and waits for its health endpoint.
 */
export async function startServer(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  port: number;
  env: Record<string, string>;
  core: number | null;
}): Promise<RunningServer> {
  // Another process on the port would answer the health check and take the measured load.
  if (!(await isFree(options.port)))
    throw new Error(`${options.name}: port ${options.port} is taken; pass another --port`);
  const [command, args] =
    options.core === null
      ? [options.command, options.args]
      : ['taskset', ['-c', String(options.core), options.command, ...options.args]];
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = once(child, 'exit');
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilHealthy(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name: options.name, url, process: child, output: () => log, stop };
}
