// Direct quotations with their speaker and the speaker's role. Only text inside quotation marks is
// a quote; a paraphrase ("she said the rule was overdue") never is. Scare quotes (a few words) are
// skipped. Pronoun speakers ("he said") resolve to the last person named before the quote.
import type { FoundEntity } from './entities.ts';

export interface ExtractedQuote {
  text: string;
  speaker: string | null;
  speakerRole: string | null;
  start: number;
  end: number;
}

const verbs = String.raw`(?:said|says|say|wrote|writes|added|adds|told\s+(?:[A-Z][\w&'’.-]*\s*){1,4}|told\s+(?:reporters|journalists|investors|lawmakers|analysts|a\s+\w+)|argued|argues|noted|notes|explained|explains|warned|warns|stated|states|insisted|insists|continued|cautioned|observed|remarked|asked|asks|posted|commented|acknowledged|conceded|predicted|tweeted|replied|responded|declared|contended)`;
const name = String.raw`(?:(?:Sen|Rep|Dr|Mr|Mrs|Ms|Prof|Gov|Gen)\.\s+)?[A-Z][\w'’.-]*(?:\s+(?:de|van|von|der|bin|al|da|Jr\.?|[A-Z][\w'’.-]*)){0,3}`;
const groupSpeaker = String.raw`(?:[Tt]he|[Aa]n?|[Oo]ne)\s+(?:company|firm|lab|agency|department|ministry|spokesperson|spokesman|spokeswoman|official|analyst|researcher|lawyer|executive|statement|report|administration|government|chipmaker|startup|White House)(?:['’]s\s+\w+)?`;
const pronoun = String.raw`(?:he|she|they|it)`;

const afterPatterns: RegExp[] = [
  // "…," said Jane Doe, head of policy at X.
  new RegExp(String.raw`^\s*,?\s*${verbs}\s+(?<speaker>${name}|${groupSpeaker})(?:\s*,\s*(?<role>[^,;"“”]{3,120}?)(?=[,;]|\.(?:\s|$)|$)|(?=[,.;]|\s+(?:in|on|at|during|when|via)\b|$))`),
  // "…," Jane Doe said. / "…," she said.
  new RegExp(String.raw`^\s*,?\s*(?<speaker>${name}|${groupSpeaker}|${pronoun})\s*(?:,\s*(?<role>[^,.;"“”]{3,120}?),\s*)?\s+${verbs}\b`),
  // "…" according to Jane Doe
  new RegExp(String.raw`^\s*,?\s*according\s+to\s+(?<speaker>${name}|${groupSpeaker})(?:\s*,\s*(?<role>[^,.;"“”]{3,120}?))?(?=[,.;]|$)`),
];
const beforePatterns: RegExp[] = [
  // Jane Doe, head of policy at X, said: "…"
  new RegExp(String.raw`(?<speaker>${name}|${groupSpeaker}|${pronoun})(?:\s*,\s*(?<role>[^,.;"“”]{3,120}?),)?\s+${verbs}(?:\s+(?:in\s+a\s+statement|on\s+\w+|in\s+an\s+interview|at\s+a\s+\w+))?\s*[:,]?\s*$`),
  new RegExp(String.raw`according\s+to\s+(?<speaker>${name}|${groupSpeaker})(?:\s*,\s*(?<role>[^,.;"“”]{3,120}?))?\s*[:,]\s*$`),
  // A quoted fragment inside reported speech: The ministry said the move was "…"
  new RegExp(String.raw`(?:^|[.!?]\s+|,\s+|\b(?:and|but)\s+)(?<speaker>${name}|${groupSpeaker}|${pronoun})(?:\s*,\s*(?<role>[^,.;"“”]{3,120}?),)?\s+${verbs}\s+(?:that\s+)?[^"“”.!?]{1,100}$`),
];

const notNames = /^(The|A|An|It|This|That|These|Those|In|On|At|But|And|Yet|So|Still|However|Asked|When|If|As|Its|Their)$/;

function cleanSpeaker(raw: string | undefined): string | null {
  if (!raw) return null;
  // "The ministry said" at the start of a sentence is the same speaker as "…, the ministry said".
  const speaker = raw.trim().replace(/['’]s$/, '').replace(/^(The|An?|One)(?=\s+[a-z])/, (word) => word.toLowerCase());
  if (notNames.test(speaker)) return null;
  return speaker;
}

export function extractQuotes(text: string, entities: FoundEntity[] = []): ExtractedQuote[] {
  const quotes: ExtractedQuote[] = [];
  const people = entities.filter((entity) => entity.type === 'person');
  const personMentions = people.flatMap((person) => person.mentions.map((mention) => ({ name: person.name, start: mention.start })))
    .sort((a, b) => a.start - b.start);
  const lastPersonBefore = (offset: number) => {
    let found: string | null = null;
    for (const mention of personMentions) {
      if (mention.start >= offset) break;
      found = mention.name;
    }
    return found;
  };
  const resolve = (speaker: string | null, offset: number): string | null => {
    if (!speaker) return null;
    if (/^(he|she|they)$/i.test(speaker)) return lastPersonBefore(offset);
    if (/^it$/i.test(speaker)) return null;
    const stripped = speaker.replace(/^(?:Sen|Rep|Dr|Mr|Mrs|Ms|Prof|Gov|Gen)\.\s+/, '');
    const person = people.find((entity) => entity.name === stripped || entity.name.split(' ').pop() === stripped || entity.aliases.includes(stripped));
    return person?.name ?? stripped;
  };

  // Paired curly quotes, or straight quotes within a paragraph.
  const pattern = /“([^”\n]{2,2000})”|"([^"\n]{2,2000})"/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    const inner = (match[1] ?? match[2]).trim();
    const words = inner.split(/\s+/).length;
    if (words < 4) continue; // scare quotes and titles
    const start = match.index;
    const end = start + match[0].length;
    const lineStart = text.lastIndexOf('\n', start) + 1;
    const lineEndIndex = text.indexOf('\n', end);
    const lineEnd = lineEndIndex === -1 ? text.length : lineEndIndex;
    const after = text.slice(end, Math.min(lineEnd, end + 200));
    const before = text.slice(Math.max(lineStart, start - 200), start);
    let speaker: string | null = null;
    let role: string | null = null;
    for (const candidate of afterPatterns) {
      const found = after.match(candidate);
      if (found?.groups?.speaker) { speaker = cleanSpeaker(found.groups.speaker); role = found.groups.role?.trim() ?? null; if (speaker) break; }
    }
    if (!speaker) {
      for (const candidate of beforePatterns) {
        const found = before.match(candidate);
        if (found?.groups?.speaker) { speaker = cleanSpeaker(found.groups.speaker); role = found.groups.role?.trim() ?? null; if (speaker) break; }
      }
    }
    // A continued quote in the next sentence of the same paragraph keeps the previous speaker.
    const previous = quotes[quotes.length - 1];
    if (!speaker && previous && previous.speaker && text.slice(previous.end, start).trim().length < 160 && !text.slice(previous.end, start).includes('\n\n')) {
      speaker = previous.speaker;
      role = previous.speakerRole;
    }
    const resolved = resolve(speaker, start);
    // Offsets point at the quoted words themselves, so text.slice(start, end) is the quote.
    const body = match[1] ?? match[2];
    const quoteText = inner.replace(/[,]$/, '');
    const quoteStart = start + 1 + (body.length - body.trimStart().length);
    quotes.push({ text: quoteText, speaker: resolved, speakerRole: role && !/^(who|which|that)\b/.test(role) ? role : null, start: quoteStart, end: quoteStart + quoteText.length });
  }
  return quotes;
}
