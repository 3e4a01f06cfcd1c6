// Runs the real `tracker` command in a child process, as a user would.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repoRoot, 'bin/tracker.mjs');

export interface CliResult { code: number | null; stdout: string; stderr: string }

export function runTracker(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`tracker ${args.join(' ')} timed out\n${stderr}`)); }, options.timeoutMs ?? 120000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

let inProcessQueue: Promise<unknown> = Promise.resolve();

/**
 * The same command run inside the test process: `main()` with stdout and stderr captured. About a
 * second faster than a child process, for tests of what a command prints and stores; the tests of
 * the process itself (exit codes as a shell sees them, kills, locks held by another process) use
 * runTracker. Calls run one at a time, as the output streams are shared.
 */
export function runTrackerInProcess(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const run = inProcessQueue.then(async () => {
    const { main } = await import('../../src/cli/main.ts');
    let stdout = '';
    let stderr = '';
    const writeOut = process.stdout.write;
    const writeErr = process.stderr.write;
    const saved = new Map<string, string | undefined>();
    for (const [name, value] of Object.entries(options.env ?? {})) {
      saved.set(name, process.env[name]);
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    process.stdout.write = ((chunk: string | Uint8Array) => { stdout += String(chunk); return true; }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
    try {
      const code = await main(['node', 'tracker', ...args]);
      return { code, stdout, stderr };
    } finally {
      process.stdout.write = writeOut;
      process.stderr.write = writeErr;
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
  inProcessQueue = run.catch(() => {});
  return run;
}
