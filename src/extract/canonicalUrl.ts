// Canonical article URLs: resolved, fragment removed, tracking parameters removed, host lower-cased.

const trackingParameters = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|mkt_tok|oly_\w+|vero_\w+|ref|ref_src|ref_url|cmpid|cmp|ncid|ocid|sr_share|taid|smid|partner|at_medium|at_campaign|rss|feed|output)$/i;

export function canonicalizeUrl(href: string, base: string): string {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return base;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return base;
  url.hash = '';
  for (const name of Array.from(url.searchParams.keys())) {
    if (trackingParameters.test(name)) url.searchParams.delete(name);
  }
  url.searchParams.sort();
  url.hostname = url.hostname.toLowerCase();
  return url.href.replace(/\?$/, '');
}
