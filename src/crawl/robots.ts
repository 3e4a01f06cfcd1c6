// robots.txt as RFC 9309 describes it: groups chosen by the crawler's product token, the longest
// matching Allow/Disallow rule wins (Allow on a tie), `*` and `$` in patterns, and paths compared
// after percent-encoding normalisation. Crawl-delay (not in the RFC) is read so the crawler can
// honour it as a minimum delay for the host.

/** The RFC asks crawlers to parse at least 500 KiB; anything after that is ignored. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

interface Rule { allow: boolean; pattern: string; glob: string }

interface Group { agents: string[]; rules: Rule[]; crawlDelaySeconds: number | null }

export interface RobotsPolicy {
  /** True when the URL's path and query may be fetched. */
  isAllowed(url: string): boolean;
  /** Crawl-delay of the chosen group, in milliseconds, if it gave one. */
  crawlDelayMs: number | null;
  /** Sitemap lines, for information. */
  sitemaps: string[];
}

export const allowAll: RobotsPolicy = { isAllowed: () => true, crawlDelayMs: null, sitemaps: [] };
export const disallowAll: RobotsPolicy = {
  // The RFC: /robots.txt itself is always allowed.
  isAllowed: (url) => safePath(url) === '/robots.txt',
  crawlDelayMs: null,
  sitemaps: [],
};

/** The product token of a User-Agent header: "tracker/1.0 (+https://…)" → "tracker". */
export function productToken(userAgent: string): string {
  const match = userAgent.trim().match(/^[A-Za-z0-9_-]+/);
  return (match?.[0] ?? userAgent.trim()).toLowerCase();
}

const unreserved = /[A-Za-z0-9\-._~]/;

/** Percent-encoding normalised: unreserved characters decoded, other escapes upper-cased,
 * non-ASCII characters encoded as UTF-8, so "/%7efoo", "/~foo" and "/%7Efoo" compare equal.
 * `keep` characters (the pattern's `*` and `$`) are left as they are. */
export function normalisePath(value: string, keep = ''): string {
  let out = '';
  for (let index = 0; index < value.length; index++) {
    const char = value[index];
    if (char === '%' && /^[0-9a-fA-F]{2}$/.test(value.slice(index + 1, index + 3))) {
      const decoded = String.fromCharCode(parseInt(value.slice(index + 1, index + 3), 16));
      out += unreserved.test(decoded) ? decoded : `%${value.slice(index + 1, index + 3).toUpperCase()}`;
      index += 2;
    } else if (keep.includes(char)) {
      out += char;
    } else if (char.charCodeAt(0) > 0x7e || char.charCodeAt(0) < 0x21) {
      const code = value.codePointAt(index)!;
      if (code > 0xffff) index++;
      out += [...Buffer.from(String.fromCodePoint(code), 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    } else {
      out += char;
    }
  }
  return out;
}

function safePath(url: string): string {
  try {
    const parsed = new URL(url);
    return normalisePath(parsed.pathname + parsed.search);
  } catch {
    return normalisePath(url.startsWith('/') ? url : `/${url}`);
  }
}

/** A rule pattern as a whole-path glob: without a trailing `$` it matches any path it prefixes. */
function toGlob(pattern: string): string {
  return pattern.endsWith('$') ? pattern.slice(0, -1) : `${pattern}*`;
}

/** Whole-string match of a glob whose only wildcard is `*`. Greedy with one backtrack point, so it
 * takes at most path × pattern steps: a regular expression built from `/*a*a*a…$` can take minutes. */
function globMatches(glob: string, path: string): boolean {
  let g = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  while (p < path.length) {
    if (g < glob.length && glob[g] !== '*' && glob[g] === path[p]) { g++; p++; }
    else if (g < glob.length && glob[g] === '*') { star = g++; resume = p; }
    else if (star !== -1) { g = star + 1; p = ++resume; }
    else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

/** Parses robots.txt text into groups. Unknown lines are skipped, as the RFC asks. */
function parseGroups(text: string): { groups: Group[]; sitemaps: string[] } {
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.slice(0, ROBOTS_MAX_BYTES).split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim().toLowerCase().replace(/[\s_]+/g, '-');
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], crawlDelaySeconds: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    if (key === 'sitemap') { if (value) sitemaps.push(value); continue; }
    lastWasAgent = false;
    if (!current) continue; // rules before any user-agent line belong to no group
    if (key === 'allow' || key === 'disallow') {
      // An empty Disallow allows everything: it is no rule at all.
      if (!value) continue;
      const pattern = normalisePath(value.startsWith('/') || value.startsWith('*') ? value : `/${value}`, '*$');
      current.rules.push({ allow: key === 'allow', pattern, glob: toGlob(pattern) });
    } else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelaySeconds = seconds;
    }
  }
  return { groups, sitemaps };
}

/** The groups that apply to `token`: the most specific user-agent line that matches it (exact
 * first, else the longest line that is a prefix of it), all groups naming it combined; `*` otherwise. */
function selectGroups(groups: Group[], token: string): Group[] {
  let best: string | null = null;
  for (const group of groups) {
    for (const agent of group.agents) {
      if (agent === '*' || !agent) continue;
      const matches = agent === token || token.startsWith(agent);
      if (matches && (best === null || agent.length > best.length)) best = agent;
    }
  }
  const chosen = best ?? '*';
  return groups.filter((group) => group.agents.includes(chosen));
}

export function parseRobots(text: string, userAgent: string): RobotsPolicy {
  const { groups, sitemaps } = parseGroups(text);
  const selected = selectGroups(groups, productToken(userAgent));
  const rules = selected.flatMap((group) => group.rules);
  const delays = selected.map((group) => group.crawlDelaySeconds).filter((delay): delay is number => delay !== null);
  return {
    crawlDelayMs: delays.length ? Math.max(...delays) * 1000 : null,
    sitemaps,
    isAllowed(url: string): boolean {
      const path = safePath(url);
      if (path === '/robots.txt') return true;
      let best: Rule | null = null;
      for (const rule of rules) {
        if (!globMatches(rule.glob, path)) continue;
        if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)) best = rule;
      }
      return best ? best.allow : true;
    },
  };
}

/** What a robots.txt fetch outcome means (RFC 9309 §2.3.1): 2xx → its rules; 4xx other than 429
 * → allow all; 5xx, 429 or no answer → disallow all (for this run). */
export function policyForStatus(status: number | null, text: string, userAgent: string): RobotsPolicy {
  if (status !== null && status >= 200 && status < 300) return parseRobots(text, userAgent);
  if (status !== null && status >= 400 && status < 500 && status !== 429) return allowAll;
  return disallowAll;
}
