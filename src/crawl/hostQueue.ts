// Politeness: at most N requests in flight per host, and a minimum delay between the starts of two
// requests to the same host. Hosts are independent, so one slow site does not hold up the others.

interface HostState { active: number; lastStart: number; waiting: (() => void)[]; minDelayMs: number | null }

function hostOf(url: string): string {
  try { return new URL(url).host; } catch { return url; }
}

export class HostQueue {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly perHostConcurrency: number, private readonly minDelayMs: number) {}

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, lastStart: 0, waiting: [], minDelayMs: null };
      this.hosts.set(host, state);
    }
    return state;
  }

  /** A longer minimum delay for one host (its robots.txt Crawl-delay); never shorter than the default. */
  setHostDelay(url: string, delayMs: number): void {
    this.state(hostOf(url)).minDelayMs = Math.max(this.minDelayMs, delayMs);
  }

  async run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const state = this.state(hostOf(url));
    const minDelayMs = () => state.minDelayMs ?? this.minDelayMs;
    while (state.active >= this.perHostConcurrency) {
      await new Promise<void>((resolve) => state.waiting.push(resolve));
    }
    state.active++;
    try {
      const wait = state.lastStart + minDelayMs() - Date.now();
      // Reserve the slot before sleeping so concurrent callers space themselves out.
      state.lastStart = Math.max(Date.now(), state.lastStart + minDelayMs());
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return await task();
    } finally {
      state.active--;
      state.waiting.shift()?.();
    }
  }
}

/** Runs `worker` over `items` with at most `limit` in flight at once. */
export async function mapConcurrent<T, R>(items: T[], limit: number, worker: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index], index);
    }
  });
  await Promise.all(runners);
  return results;
}
