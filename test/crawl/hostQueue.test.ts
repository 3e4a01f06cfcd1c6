// Politeness: per-host concurrency and spacing, with hosts independent of each other.
import { describe, expect, it } from 'vitest';
import { HostQueue, mapConcurrent } from '../../src/crawl/hostQueue.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('HostQueue', () => {
  it('never runs more than the per-host limit at once on one host', async () => {
    const queue = new HostQueue(2, 0);
    let active = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 6 }, (_, index) => queue.run(`https://a.example/${index}`, async () => {
      active++;
      peak = Math.max(peak, active);
      await sleep(20);
      active--;
    })));
    expect(peak).toBe(2);
  });

  it('spaces the starts of requests to one host by minDelayMs, but not requests to other hosts', async () => {
    const queue = new HostQueue(4, 60);
    const starts: Record<string, number[]> = { a: [], b: [] };
    const origin = Date.now();
    await Promise.all([
      ...[1, 2, 3].map((n) => queue.run(`https://a.example/${n}`, async () => { starts.a.push(Date.now() - origin); })),
      queue.run('https://b.example/1', async () => { starts.b.push(Date.now() - origin); }),
    ]);
    starts.a.sort((x, y) => x - y);
    expect(starts.a[1] - starts.a[0]).toBeGreaterThanOrEqual(55);
    expect(starts.a[2] - starts.a[1]).toBeGreaterThanOrEqual(55);
    // Another host does not wait behind the first host's spacing (relative, so load cannot flake it).
    expect(starts.b[0]).toBeLessThan(starts.a[1]);
  });

  it('frees the slot when a task fails', async () => {
    const queue = new HostQueue(1, 0);
    await expect(queue.run('https://a.example/1', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(queue.run('https://a.example/2', async () => 'ok')).resolves.toBe('ok');
  });
});

describe('mapConcurrent', () => {
  it('keeps results in input order and respects the limit', async () => {
    let active = 0;
    let peak = 0;
    const results = await mapConcurrent([50, 10, 30, 0, 20], 2, async (ms, index) => {
      active++;
      peak = Math.max(peak, active);
      await sleep(ms);
      active--;
      return index * 10;
    });
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(peak).toBe(2);
    expect(await mapConcurrent([], 4, async () => 1)).toEqual([]);
  });
});
