// Links inside the site carry the deployment's base path; links out are only ever http(s), since
// a URL from the web could be javascript: or data: and Astro escapes text, not schemes.

const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

export function sitePath(path = ''): string {
  return `${base}${path.replace(/^\/+/, '')}`;
}

export const storyPath = (slug: string) => sitePath(`stories/${slug}/`);
export const topicPath = (slug: string) => sitePath(`topics/${slug}/`);
export const articlesPath = () => sitePath('articles/');

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
