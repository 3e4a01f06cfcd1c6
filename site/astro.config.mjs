// Static build of the tracker's public site. Everything that varies per deployment comes from the
// environment, so the same project builds the demo, the tests and production.
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';

const siteUrl = normaliseBaseUrl(process.env.TRACKER_SITE_BASE_URL || 'http://localhost:4321/');

export default defineConfig({
  output: 'static',
  site: siteUrl.origin,
  // A site served under a sub-path (https://example.org/tracker/) needs every link prefixed.
  base: siteUrl.pathname,
  outDir: process.env.TRACKER_SITE_OUT_DIR || fileURLToPath(new URL('./dist/', import.meta.url)),
  // The content store (entry digests) lives here between builds; builds that run at the same
  // time (a test beside a scheduled publish) should each get their own.
  ...(process.env.TRACKER_SITE_CACHE_DIR ? { cacheDir: process.env.TRACKER_SITE_CACHE_DIR } : {}),
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // One cached stylesheet instead of a copy inlined in every page.
    inlineStylesheets: 'never',
  },
  devToolbar: { enabled: false },
  prefetch: false,
});

function normaliseBaseUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`TRACKER_SITE_BASE_URL is not an absolute URL: ${JSON.stringify(value)} (expected e.g. https://example.org/)`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}
