// JSON text columns read back: a malformed or foreign value gives the empty value, never a crash.

/** A JSON array of strings (aliases, topics, cues); anything else, or broken JSON, is []. */
export function parseStringArray(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
