// Figures: money, percentages and counts, normalised to a number, a unit and the thing counted,
// with the qualifier ("about", "more than") and the claimant when the sentence attributes it.
// Years, days of the month, times, ordinals, versions and model numbers, reading times and phone
// numbers are not figures.
import type { Sentence } from './sentences.ts';
import { alternation, FIGURE_STOP_WORDS, MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES } from './words.ts';

export interface Figure {
  value: number;
  unit: string;
  label: string;
  text: string;
  qualifier: string | null;
  claimant: string | null;
  sentence: string;
  start: number;
  end: number;
}

const scaleWords: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, mn: 1e6, m: 1e6, mln: 1e6, billion: 1e9, bn: 1e9, b: 1e9, bln: 1e9, trillion: 1e12, tn: 1e12, t: 1e12,
};
const currencySymbols: Record<string, string> = { '$': 'USD', 'US$': 'USD', 'USD': 'USD', '€': 'EUR', 'EUR': 'EUR', '£': 'GBP', 'GBP': 'GBP', '¥': 'CNY', 'RMB': 'CNY', 'CNY': 'CNY', 'HK$': 'HKD', 'A$': 'AUD', 'C$': 'CAD', 'NT$': 'TWD' };
const currencyWords: Record<string, string> = { dollar: 'USD', dollars: 'USD', euro: 'EUR', euros: 'EUR', pound: 'GBP', pounds: 'GBP', 'pounds sterling': 'GBP', 'pound sterling': 'GBP', yuan: 'CNY', renminbi: 'CNY', yen: 'JPY', won: 'KRW' };
const numberWords: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, hundred: 100, dozen: 12, dozens: 24, hundreds: 200, thousands: 2000,
};

const qualifierPattern = /(about|around|roughly|approximately|nearly|almost|more than|over|at least|up to|less than|fewer than|under|some|an estimated|estimated|as many as|as much as|close to|just over|just under|upwards of|in excess of|below|above|exceeding)\s+$/i;
// A month's name or abbreviation, with or without its full stop: "January", "Jan.", "Sept".
const monthNames = new RegExp(String.raw`(?:${alternation([...MONTH_NAMES, ...MONTH_ABBREVIATIONS])})\.?`);

// number: 1,234.5 | 4.2 | 10^26 | 10 to the 26th power
const numberCore = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const figurePattern = new RegExp(
  String.raw`(?<currency>US\$|HK\$|A\$|C\$|NT\$|\$|€|£|¥|(?:USD|EUR|GBP|RMB|CNY)\s?)?` +
  String.raw`(?<number>10\s?\^\s?(?<exp>\d{1,3})|10\s+to\s+the\s+(?<expWord>\d{1,3})(?:st|nd|rd|th)?\s+power|${numberCore})` +
  // Scale words in a heading's capitals too ("$5.5 Billion Hit", "BILLION"); single letters only in lower case ("$5.5bn", "$800m").
  String.raw`(?:[\s-]?(?<scale>[Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion|THOUSAND|MILLION|BILLION|TRILLION|mln|bln|mn|bn|tn|[kmbt])\b)?` +
  String.raw`(?:\s?(?<percent>%|per\s?cent\b|percent\b|pc\b|percentage points?\b))?` +
  String.raw`(?:[\s-](?<currencyWord>dollars?|euros?|pounds?\s+sterling|yuan|renminbi|yen|won)\b)?` +
  String.raw`(?:\s?(?<degree>°\s?[CF]\b|degrees?\s+(?:Celsius|Fahrenheit|C|F)\b))?`,
  'g',
);
const wordFigurePattern = /\b(?<word>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|dozens|hundreds|thousands)\s+(?:of\s+)?(?:(?<scale>thousand|million|billion)\b)?\s*(?=[a-z])/gi;

const stopWords = new Set<string>(FIGURE_STOP_WORDS);
const timeWords = /^(years?|months?|weeks?|days?|hours?|minutes?|mins?|seconds?|decades?|quarters?|am|pm|a\.m\.|p\.m\.)$/i;
const verbLike = /^(fell|rose|fall|rise|jumped|dropped|grew|climbed|slid|sank|surged|plunged|lost|gained|cut|added|reached|hit|topped|expects?|expected|said|says|reported|raised|paid|pay|spent|cost|costs|charged|earned|made|sold|bought|trained|used|queried|sent|generated)$/;

function parseNumber(raw: string): number {
  return Number(raw.replace(/,/g, ''));
}

// "found Sunday 475 pounds", "in May 12 cases": a day's or month's name is no version's name.
const weekdayOrMonthBefore = new RegExp(String.raw`\b(?:${alternation(WEEKDAY_NAMES)}|[A-Z][a-z]+day|[A-Z]\w*ly|${monthNames.source})\s$`);

function isVersionContext(before: string, after: string, digits: string): boolean {
  if (digits.includes(',')) return false;
  const previous = before.match(/([A-Za-z]+)\s$/)?.[1]?.toLowerCase();
  if (previous && (stopWords.has(previous) || /^(about|around|roughly|approximately|nearly|almost|over|some|just|only|least|exactly|estimated|than|to|top|reached|hit|cut|by)$/.test(previous))) return false;
  // "Opus 4.7", "GPT-4", "Mythos 5", "H20", "Llama 3.1", "version 2.0", "iPhone 16"
  if (/(?:[A-Z][\w]*[-\s]|\bv|version\s|release\s|model\s|No\.\s?|number\s|#)$/.test(before) && !weekdayOrMonthBefore.test(before) && !/(?:the|a|an|of|to|by|about|than|over|nearly|some|and|for|with|at|in|from|its|their|just|only|least)\s$/i.test(before)) {
    return !/^\s?(?:%|per ?cent|million|billion|trillion|bn|m\b)/i.test(after);
  }
  return /^[-.]\d|^[A-Za-z]\d/.test(after);
}

// Words that end the noun phrase a figure counts: modal verbs and past-tense or irregular verbs
// ("$5.5bn charge tied to", "60 companies applied", "operations must be reported").
const clauseVerbs = /^(?:must|shall|went|came|took|gave|left|began|grew|rose|fell|were|was|remain(?:s|ed)?|\w{2,}ed)$/;
const determiners = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'that', 'these', 'those']);

function labelAfter(rest: string, allowIn = true): string | null {
  const words = rest.replace(/^[\s-]+/, '').split(/\s+/);
  const label: string[] = [];
  let skippedOf = false;
  for (const raw of words) {
    const word = raw.replace(/[.,;:!?)"”'’]+$/, '');
    const lower = word.toLowerCase();
    if (!word) break;
    // "$2.5 billion in sales" counts sales; "$5.5 billion in its first quarter" does not count quarters.
    if (label.length === 0 && lower === 'in' && allowIn && !skippedOf && /^(?:its|their|the|a|an|this|that|his|her|our|each|every|fiscal|[A-Z])/.test(words[words.indexOf(raw) + 1] ?? '')) break;
    if (label.length === 0 && (lower === 'of' || (lower === 'in' && allowIn)) && !skippedOf) { skippedOf = true; continue; }
    if (label.length === 0 && (lower === 'the' || lower === 'its' || lower === 'their' || lower === 'his' || lower === 'her' || lower === 'new' || lower === 'more' || lower === 'additional' || lower === 'worth')) continue;
    // "$5.58 million using …", "78% year-on-year": a participle or a comparison is not the thing counted.
    if (label.length === 0 && ((/^[a-z]{2,}ing$/.test(lower) && !/^(?:funding|spending|earnings?|holdings?|savings|shipments|buildings?|filings?|offerings?|housing|lending|listings?|trading|training|marketing|advertising|computing|processing|manufacturing|engineering|clothing|parking|shopping|banking|polling|bookings?|warnings?|financing|pricing|licensing|rating|ratings|sightings|killings|shootings|meetings|hearings|postings|openings|listings)$/.test(lower)) || /^(?:year-on-year|year-over-year)$/.test(lower) || (!allowIn && /^(?:lower|higher|up|down)$/.test(lower)))) break;
    // "$17 billion of Nvidia's revenue": the owner is not the thing counted.
    if (label.length === 0 && /^\p{Lu}[\p{L}\d&.-]*['’]s?$/u.test(raw)) continue;
    if (stopWords.has(lower) || verbLike.test(lower) || /^\d/.test(word) || !/^[A-Za-z][\w-]*$/.test(word)) break;
    if (label.length > 0 && clauseVerbs.test(lower)) break;
    label.push(lower);
    if (raw !== word || label.length >= 3) break;
  }
  const text = label.join(' ');
  return text || null;
}

/** The head noun of a clause's subject: "Shares of Nvidia" → "shares", "Its revenue in China" → "revenue". */
function subjectHead(clause: string): string | null {
  const words = clause.trim().split(/\s+/).filter(Boolean);
  const head: string[] = [];
  for (const raw of words) {
    const word = raw.replace(/[,;:"“”]+$/, '');
    const lower = word.toLowerCase();
    if (head.length === 0 && determiners.has(lower)) continue;
    if (/['’]s$/.test(word)) { head.length = 0; continue; } // "Nvidia's revenue": the owner is not the thing counted
    if (stopWords.has(lower) || !/^[A-Za-z][\w-]*$/.test(word)) break;
    head.push(lower);
  }
  if (head.length === 0 || head.length > 3) return null;
  return head.join(' ');
}

const changeVerbs = 'fall|falls|rise|rises|drop|drops|decline|grow|increase|shrink|fell|rose|dropped|declined|jumped|grew|climbed|slid|sank|surged|plunged|increased|decreased|gained|lost|slumped|soared|tumbled|shrank|expanded|contracted|was|were|is|are|stood|reached|hit|topped|totalled|totaled|came|closed|ended|finished|traded|opened|shed|added|slipped|edged|advanced|retreated';
const qualifiersBefore = '(?:about |around |roughly |nearly |some |more than |up to |almost |over |an estimated |approximately |as much as |as many as |less than |just |only )?';

function labelBefore(before: string): string | null {
  // "a charge Nvidia puts at", "losses the company estimated at": the noun before the estimate.
  const estimate = before.match(/\b([a-z][\w-]+)\s+(?:(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2}|it|they|analysts|officials)\s+(?:puts?|estimates?|estimated|values?|valued|prices?|priced|pegs?|pegged|sets?)\s+(?:it\s+)?at\s+(?:about |around |roughly |nearly |some |more than |up to |almost |over |an estimated |approximately )?$/);
  if (estimate && !stopWords.has(estimate[1]) && !determiners.has(estimate[1])) return estimate[1];
  // "Shares of Nvidia fell 17%", "Revenue rose to $5bn", "Sales in China were worth about $17bn": the subject.
  const change = before.match(new RegExp(`(?:.*(?:[,;:]\\s+|\\b(?:that|and|while|as|after|when|said|says|expects|expected|estimated|warned|reported)\\s+)|^)([^,;:]{1,60}?)\\s+(?:${changeVerbs})(?:\\s+(?:down|up|lower|higher|off))?(?:\\s+(?:by|to|worth|valued at|at|about|almost|nearly))?\\s+${qualifiersBefore}$`, 'i'));
  if (change) {
    const head = subjectHead(change[1]);
    if (head && !/^(it|they|he|she|we|this|that|which|who)$/.test(head)) return head;
  }
  // "training V3 cost about $5.6 million": what it cost.
  if (new RegExp(`\\b(?:cost|costs|costing)\\s+(?:it\\s+|them\\s+)?${qualifiersBefore}$`, 'i').test(before)) return 'cost';
  // "a charge of about", "market value of", "estimated the cost at" → the noun before "of".
  const match = before.match(/([A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*)?)\s+(?:of|worth|totalling|totaling|valued at|at)\s+(?:about |around |roughly |nearly |some |more than |up to |almost |over |an estimated |approximately )?$/i);
  if (!match) return null;
  const original = match[1].toLowerCase().split(/\s+/);
  const words = original.filter((word, index) => {
    if (stopWords.has(word)) return false;
    // "cost" or "cut" after a determiner is a noun ("the cost at $8 billion"), otherwise a verb.
    if (verbLike.test(word)) return index > 0 && determiners.has(original[index - 1]);
    return true;
  });
  return words.length ? words.join(' ') : null;
}

const claimantPatterns: RegExp[] = [
  /according to (?:the )?([A-Z][\w&'’.-]{0,40}(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w&'’.-]{0,40}){0,5})/,
  /([A-Z][\w&'’.-]{0,40}(?:\s+[A-Z][\w&'’.-]{0,40}){0,4})\s+(?:said|says|estimated|estimates|reported|reports|disclosed|told|expects|expected|projected|forecast)\b/,
  /\b(?:said|says|estimated|estimates|reported|disclosed|told)\s+([A-Z][\w&'’.-]{0,40}(?:\s+[A-Z][\w&'’.-]{0,40}){0,4})/,
  /\b(the company|the firm|the agency|the department|the ministry|the government|the lab|the chipmaker|officials|analysts|researchers)\s+(?:said|says|estimated|estimates|reported|expects|disclosed)\b/i,
];

function claimantOf(sentence: string): string | null {
  for (const pattern of claimantPatterns) {
    const match = sentence.match(pattern);
    if (match) {
      // A sentence-final full stop is not part of the name ("according to the Commerce Department."),
      // but the one closing "Inc." or "U.S." is.
      const name = match[1].replace(/['’]s$/, '').replace(/(?<!\b(?:[A-Z]|Inc|Corp|Co|Ltd|Jr|Sr|Bros))\.$/, '').trim();
      if (/^(The|A|An|It|He|She|They|We|This|That|In|On)$/.test(name)) continue;
      return name;
    }
  }
  return null;
}

function unitFor(groups: Record<string, string | undefined>): string {
  if (groups.percent) return /point/i.test(groups.percent) ? 'percentage points' : '%';
  const symbol = groups.currency?.trim();
  if (symbol) return currencySymbols[symbol] ?? 'USD';
  if (groups.currencyWord) return currencyWords[groups.currencyWord.toLowerCase().replace(/\s+/g, ' ')] ?? 'count';
  return 'count';
}

export function extractFigures(sentences: Sentence[]): Figure[] {
  const figures: Figure[] = [];
  for (const sentence of sentences) {
    const text = sentence.text;
    const claimant = claimantOf(text);
    figurePattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = figurePattern.exec(text))) {
      const groups = match.groups as Record<string, string | undefined>;
      const raw = match[0].trimEnd();
      const start = match.index;
      const end = start + raw.length;
      const before = text.slice(Math.max(0, start - 40), start);
      const after = text.slice(end, end + 60);
      let hasMarker = !!(groups.currency || groups.percent || groups.scale || groups.currencyWord || groups.exp || groups.expWord || groups.degree);
      // "30 to 50 per cent", "$2 to $3 billion", "between 5 and 10 million": the first end of a range
      // takes the unit and scale written after the second.
      const rangeEnd = !groups.scale && !groups.percent && !groups.exp && !groups.expWord && !groups.degree ? /^\s*(?:to|-|–|and)\s*(\$|€|£)?\d[\d,.]*\s?(per\s?cent\b|percent\b|%|pc\b|million\b|billion\b|trillion\b|bn\b|mn\b)?/i.exec(text.slice(end, end + 40)) : null;
      if (rangeEnd && rangeEnd[2]) {
        if (/per|%|pc/i.test(rangeEnd[2])) groups.percent = '%';
        else groups.scale = rangeEnd[2].toLowerCase();
        if (rangeEnd[1] && !groups.currency) groups.currency = rangeEnd[1];
        hasMarker = true;
      }
      const digits = groups.number!;
      // Not figures: parts of words, dates, times, ordinals, versions, reading times, phone numbers.
      if (/[\w.]$/.test(text.slice(Math.max(0, start - 1), start)) && !groups.currency) continue;
      if (/^(?:st|nd|rd|th)\b/.test(after)) continue;
      if (/^[:]\d/.test(after) || /^\s?(?:a\.m\.|p\.m\.|am\b|pm\b)/i.test(after)) continue;
      if (!hasMarker && /^\d{4}$/.test(digits) && +digits >= 1900 && +digits <= 2100) continue;
      if (!hasMarker && new RegExp(`${monthNames.source}\\s*$`).test(before)) continue;
      // "13 January 2025", "29 Jan.": a day of the month (month names are capitalised, unlike the verb "may").
      if (!hasMarker && +digits <= 31 && new RegExp(`^\\s*${monthNames.source}(?![a-z])`).test(after)) continue;
      if (!hasMarker && /^,?\s*\d{4}\b/.test(after) && +digits <= 31) continue;
      if (!hasMarker && /^\s?(?:min|minute|minutes|mins)\s+read/i.test(after)) continue;
      if (/^[-\s]?\d{3,4}[-\s]\d{3,4}/.test(after) || /\(\d{3}\)\s?$/.test(before)) continue;
      if (!hasMarker && isVersionContext(before, after, digits)) continue;
      // "+972 Magazine", "2344 Bragg St.", "201 E. Nine Mile", "the 80s": a code, an address, a decade.
      if (!hasMarker && /\+$/.test(before)) continue;
      if (!hasMarker && (/^\s+[NSEW]\.?\s+\p{Lu}/u.test(after) || /^\s+(?:\p{Lu}[\p{L}.-]*\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Place|Pl|Court|Ct|Terrace|Parkway|Pkwy|Highway|Hwy)\b/u.test(after))) continue;
      if (!hasMarker && /^\d0$/.test(digits) && /^['’]?s\b/.test(after)) continue;
      // Part numbers: "Ryzen 7 5800X", "Core i9 10900K" (a measure glued on, "80TB", "5GW", is a figure).
      if (!hasMarker && /^-?[A-Z]{1,2}\d*\b/.test(after) && !/^(?:[KMGTP]B|[KMG]W|[KMG]Wh|[kKM]?[mgW]|V|A|Hz|[KMG]Hz|B|T)\b/.test(after)) continue;
      // Labels that number a thing rather than count it: "level 3", "phase 2", "Route 14", "page 12".
      if (!hasMarker && !digits.includes(',') && /\b(?:level|phase|tier|stage|grade|category|step|chapter|section|article|page|route|road|highway|interstate|room|gate|platform|terminal|line|season|episode|volume|vol\.|issue|no\.|number|week|round|game|lane|flight|bus|district|ward|precinct|unit|apartment|apt\.|suite|floor|channel|track|exit|pier|block|lot|plot|class|form|year|grade|act|scene|part|stage|matchday|leg|heat|group)\s$/i.test(before)) continue;
      // Ages and spans: "a 54-year-old", "the 26 year-history".
      if (!hasMarker && /^[-\s]?(?:years?|months?|weeks?|days?)[-\s](?:old|long|history|record)\b/i.test(after)) continue;
      // Years after a determiner or as decades: "a 1761 work", "the 1800s".
      if (!hasMarker && /^\d{4}$/.test(digits) && +digits >= 1000 && +digits <= 2100 && (/^s\b|^['’]s\b/.test(after) || /\b(?:a|an|the|its|his|her|their)\s$/i.test(before))) continue;
      if (!hasMarker && /^\s*(?:%)/.test(after)) continue;
      let value = groups.exp ? Number(`1e${groups.exp}`) : groups.expWord ? Number(`1e${groups.expWord}`) : parseNumber(digits);
      if (!Number.isFinite(value)) continue;
      let scaleWord = groups.scale?.toLowerCase();
      // Model sizes: "a 32B model", "70B parameters", "1.5B-parameter".
      const modelSize = !hasMarker ? /^([BMKT])\b(?:[\s-]*(?:parameters?|params|models?|-parameter)\b|\s*(?:to|and|or|-|–)\s*\d+(?:\.\d+)?[BMKT][\s-]*(?:parameters?|params|models?)\b)/.exec(after) : null;
      if (modelSize) scaleWord = modelSize[1].toLowerCase();
      // "$470B", "$5.5B", "€20M": a capital scale letter glued to a currency amount.
      const gluedScale = !scaleWord && groups.currency ? /^[BMK]\b/.exec(after) : null;
      if (gluedScale) scaleWord = gluedScale[0].toLowerCase();
      // A one-letter scale ("m", "b") only counts right after a currency amount, or glued to a model size.
      if (scaleWord && scaleWord.length === 1 && !groups.currency && !modelSize) scaleWord = undefined;
      if (scaleWord) value *= scaleWords[scaleWord] ?? 1;
      const unit = unitFor(groups);
      const degreeLabel = groups.degree ? `°${/F/.test(groups.degree) ? 'F' : 'C'}` : null;
      const restFrom = scaleWord || groups.percent || groups.currencyWord ? end : start + (groups.currency ?? '').length + digits.length;
      const rest = text.slice(restFrom, restFrom + 300);
      // "$2.5 billion in sales" counts sales; "15% in early trading" does not count trading.
      let label = labelAfter(rest, !groups.percent);
      if (!label || timeWords.test(label.split(' ')[0])) {
        if (label && timeWords.test(label.split(' ')[0]) && !hasMarker) continue; // "three weeks", "5 days": durations are not figures
        label = labelBefore(text.slice(Math.max(0, start - 160), start)) ?? label;
      }
      // A bare number with nothing counted is no figure, unless its thousands separator says it is
      // a quantity ("of whom 7,844 have died").
      if (!hasMarker && !label && !/^\d{1,3}(?:,\d{3})+$/.test(digits)) continue;
      if (degreeLabel) label = degreeLabel;
      if (modelSize) label = 'parameters';
      if (!hasMarker && value < 2) continue;
      const qualifierMatch = text.slice(Math.max(0, start - 25), start).match(qualifierPattern);
      const qualifier = qualifierMatch ? qualifierMatch[1].toLowerCase() : null;
      const surfaceStart = qualifierMatch ? start - qualifierMatch[0].length : start;
      figures.push({
        value, unit, label: label ?? (unit === '%' ? 'share' : unit === 'count' ? 'count' : 'amount'),
        text: text.slice(surfaceStart, modelSize || gluedScale ? end + 1 : end), qualifier, claimant,
        sentence: text, start: sentence.start + surfaceStart, end: sentence.start + (modelSize || gluedScale ? end + 1 : end),
      });
    }
    wordFigurePattern.lastIndex = 0;
    while ((match = wordFigurePattern.exec(text))) {
      const word = match.groups!.word.toLowerCase();
      const scale = match.groups!.scale?.toLowerCase();
      // "two companies" is prose; "hundreds of millions of users" is an impression, not a figure to compare.
      if (!scale || ['dozens', 'hundreds', 'thousands'].includes(word)) continue;
      const value = numberWords[word] * (scale ? scaleWords[scale] : 1);
      const start = match.index;
      const rest = text.slice(start + match[0].length, start + match[0].length + 300);
      const label = labelAfter(rest);
      if (!label || timeWords.test(label.split(' ')[0])) continue;
      const end = start + match[0].trimEnd().length + (rest.match(/^[\w-]+/)?.[0].length ?? 0) + 1;
      figures.push({ value, unit: 'count', label, text: text.slice(start, Math.min(end, text.length)).trim(), qualifier: null, claimant, sentence: text, start: sentence.start + start, end: sentence.start + Math.min(end, text.length) });
    }
  }
  return figures;
}
