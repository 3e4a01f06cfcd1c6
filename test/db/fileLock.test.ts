// The locks that keep two tracker processes apart die with their process and are never blocked
// by what a file happens to hold: an empty file, a PID (-1, 0, reused), another program's text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireFileLock, LockBusyError, readOwner, tryFileLock } from '../../src/db/fileLock.ts';
import { repoRoot } from '../support/cli.ts';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-lock-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

/** A child process that takes the lock, says so, and holds it until killed. */
function holder(file: string) {
  const script = `
    const { tryFileLock } = await import(${JSON.stringify(path.join(repoRoot, 'src/db/fileLock.ts'))});
    const lock = tryFileLock(${JSON.stringify(file)}, 'holder');
    process.stdout.write(lock ? 'held\\n' : 'busy\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<string>((resolve) => child.stdout!.setEncoding('utf8').once('data', (line: string) => resolve(line.trim())));
  return { child, ready, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

describe('file locks', () => {
  it.each([['empty', ''], ['-1', '-1'], ['0', '0'], ['a PID that is reused (this process)', String(process.pid)], ['text', 'held by the backup job\n']])('take over a lock file holding %s', async (_name, content) => {
    const file = path.join(dir, `content-${content.length}.lock`);
    fs.writeFileSync(file, content);
    const lock = await acquireFileLock(file, { what: 'test' });
    expect(readOwner(file)?.pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(`${file}.owner`)).toBe(false);
  });

  it('refuse while another process holds the lock, naming it, and free it the moment that process is killed', async () => {
    const file = path.join(dir, 'held.lock');
    const other = holder(file);
    expect(await other.ready).toBe('held');
    const refused = await acquireFileLock(file, { what: 'the test database' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LockBusyError);
    expect((refused as Error).message).toMatch(/^the test database is busy: `tracker holder` \(pid \d+, since .* UTC\) is using it$/);
    expect((refused as LockBusyError).owner?.pid).toBe(other.child.pid);
    // Waiting: the lock is taken as soon as the holder dies, without anyone deleting a file.
    let told = false;
    const waiting = acquireFileLock(file, { what: 'the test database', waitMs: 20_000, onWait: () => { told = true; } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    other.child.kill('SIGKILL');
    await other.exited;
    const lock = await waiting;
    expect(told).toBe(true);
    expect(readOwner(file)?.pid).toBe(process.pid);
    lock.release();
  });

  it('give up after --wait with the holder named', async () => {
    const file = path.join(dir, 'wait.lock');
    const other = holder(file);
    await other.ready;
    const started = Date.now();
    const refused = await acquireFileLock(file, { what: 'x', waitMs: 600 }).catch((error: unknown) => error);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect((refused as Error).message).toMatch(/is busy after waiting 1 s: `tracker holder`/);
    other.child.kill('SIGKILL');
    await other.exited;
  });

  it('keep one holder in one process: a second attempt is refused, not granted twice', () => {
    const file = path.join(dir, 'same-process.lock');
    const first = tryFileLock(file)!;
    expect(first).not.toBeNull();
    expect(tryFileLock(file)).toBeNull();
    expect(tryFileLock(file)).toBeNull();
    first.release();
    const again = tryFileLock(file);
    expect(again).not.toBeNull();
    again!.release();
  });
});
