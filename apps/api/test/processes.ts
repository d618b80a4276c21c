import { spawn, type SpawnOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

const apiRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs a command to its end, asynchronously: a synchronous child would block the event loop
 * that a server in this process answers it on.
 */
export function runToEnd(
  command: string,
  args: string[],
  options: SpawnOptions & { stdin?: string } = {},
): Promise<Finished> {
  const { stdin, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...spawnOptions, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(stdin ?? '');
  });
}

/** The admin command (from source), as the owner runs it against `databasePath`. */
export function runAdmin(databasePath: string, args: string[], stdin?: string): Promise<Finished> {
  return runToEnd(
    process.execPath,
    ['--conditions=moneta-source', '--import', 'tsx', 'src/admin.ts', ...args],
    {
      cwd: apiRoot,
      env: { ...process.env, DATABASE_PATH: databasePath, INIT_CWD: apiRoot },
      ...(stdin === undefined ? {} : { stdin }),
    },
  );
}
