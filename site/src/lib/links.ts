// Links inside the site carry the deployment's base path; links out are only ever http(s), since
// a URL from the web could be javascript: or data: and Astro escapes text, not schemes.

const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

export function sitePath(path = ''): string {
  return `${base}${path.replace(/^\/+/, '')}`;
}

export const storyPath = (slug: string) => sitePath(`stories/${slug}/`);
export const topicPath = (slug: string) => sitePath(`topics/${slug}/`);
export const articlesPath = () => sitePath('articles/');
export const entityPath = (slug: string) => sitePath(`entities/${slug}/`);
export const entitiesPath = () => sitePath('entities/');
export const outletsPath = () => sitePath('outlets/');
export const aboutPath = () => sitePath('about/');
export const correctionsPath = () => sitePath('corrections/');
export const topicFeedPath = (slug: string) => sitePath(`feeds/${slug}.atom`);
export const storyFeedPath = (slug: string) => sitePath(`feeds/stories/${slug}.atom`);
export const topicEntityPath = (topic: string, entity: string) => sitePath(`topics/${topic}/entity/${entity}/`);

/** The URL if it is an absolute http(s) URL, otherwise null (render the text without a link). */
export function externalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** An absolute URL for a site path (feeds and calendars need them), against the site's origin. */
export function absoluteUrl(path: string, site: URL | string | undefined, fallbackBase: string): string {
  try {
    return new URL(path, site ?? fallbackBase).href;
  } catch {
    return path;
  }
}
