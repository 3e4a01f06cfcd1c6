// One error model for everything a user can cause or meet: each error has a stable code (scripts
// match on it; the README lists them), a message saying what happened and where, and where it
// helps, a hint saying what to do. The CLI prints every one the same way, as one line, or as one
// JSON object with --json; never a stack trace. Anything else that is thrown is a bug in the
// tracker and is reported as one, with its stack.

export const ERROR_CODES = {
  usage: 'a command-line argument is missing or wrong',
  'input-file': 'a file named on the command line cannot be read',
  config: 'the config file is missing, is not valid YAML, or has an unknown key or a wrong value',
  database: 'the database file cannot be opened or prepared',
  'database-foreign': 'the database file belongs to another program (or is not SQLite): it is left untouched',
  busy: 'another tracker process holds the lock (the database, the scheduler or a site folder)',
  'site-folder': 'the output folder cannot hold the site (not empty, not the tracker\'s, protected, too long)',
  'site-build': 'the site build failed; the live site was left as it was',
  port: 'the port is not a number from 1 to 65535, or is taken',
  schedule: 'a schedule.* cron expression is not valid',
  editorial: 'a correction or registry edit names an unknown fact, field, type or value',
  opml: 'a file given to `sources import` is not an OPML list of feeds',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class TrackerError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly hint: string | null = null, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isTrackerError(error: unknown): error is TrackerError {
  return error instanceof TrackerError;
}

/** The one line the CLI prints for an error (after "tracker: "). */
export function errorLine(error: TrackerError): string {
  return error.hint ? `${error.message}; ${error.hint}` : error.message;
}

/** The JSON shape of an error, the same for every command. */
export function errorJson(error: TrackerError): { error: { code: ErrorCode; message: string; hint: string | null } } {
  return { error: { code: error.code, message: error.message, hint: error.hint } };
}
