// Names of the months and weekdays, and the abbreviations news copy and feeds write them with, as
// data: the date readers (src/text/looseDate.ts, src/extract/events.ts) and the extractors that
// must not take a date for a name or a figure build their patterns from these lists once, at load.
// (They live under src/text, which imports nothing from the rest of the project; src/extract/words.ts
// re-exports them.)

/** Weekday names, Monday first. */
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Month names, January first. */
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/**
 * Month abbreviations ("Jan.", "Sept. 3"); May has none. "Sept" stands before "Sep": a pattern
 * without a word boundary after the abbreviation tries the longer one first.
 */
export const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sept', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Weekday abbreviations ("Tue.", "Thurs."). */
export const WEEKDAY_ABBREVIATIONS = ['Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thur', 'Thurs', 'Fri', 'Sat', 'Sun'] as const;

/** A month's number (1–12) by its name or abbreviation in lower case: "january", "jan", "sept" → 1, 1, 9. */
export const MONTH_NUMBERS: Readonly<Record<string, number>> = Object.fromEntries([
  ...MONTH_NAMES.map((name, index) => [name.toLowerCase(), index + 1] as const),
  ...MONTH_ABBREVIATIONS.map((abbreviation) => [abbreviation.toLowerCase(), MONTH_NAMES.findIndex((name) => name.startsWith(abbreviation)) + 1] as const),
]);

/**
 * A regular expression alternation (no group) of the month names, then each abbreviation with an
 * optional full stop: "January|…|December|Jan\.?|…|Dec\.?".
 */
export const MONTH_PATTERN = [...MONTH_NAMES, ...MONTH_ABBREVIATIONS.map((abbreviation) => String.raw`${abbreviation}\.?`)].join('|');
