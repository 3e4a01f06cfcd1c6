// Entities: the curated registry first (known actors, with their aliases), then a general detector
// for names the registry does not know. Mentions are resolved to one record per real thing:
// honorifics and titles dropped, possessives removed, abbreviations introduced in the text
// ("the Bureau of Industry and Security (BIS)") and later surname-only mentions linked back.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { Sentence } from './sentences.ts';
import { entityKey } from './keys.ts';

export type EntityType = 'person' | 'organization' | 'model' | 'product' | 'place' | 'law' | 'other';

export interface RegistryEntry { name: string; type: EntityType; aliases: string[] }

export interface EntityMention { surface: string; start: number; end: number; sentence: string }

export interface FoundEntity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  origin: 'registry' | 'detected';
  mentions: EntityMention[];
}

const registryFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'registry/entities.yaml');
let builtInRegistry: RegistryEntry[] | null = null;

export function loadBuiltInRegistry(): RegistryEntry[] {
  if (!builtInRegistry) {
    const data = parseYaml(fs.readFileSync(registryFile, 'utf8')) as { name: string; type: EntityType; aliases?: string[] }[];
    builtInRegistry = data.map((entry) => ({ name: String(entry.name), type: entry.type, aliases: (entry.aliases ?? []).map(String) }));
  }
  return builtInRegistry;
}

interface CompiledRegistry { regex: RegExp; byAlias: Map<string, RegistryEntry> }
const compiledCache = new WeakMap<RegistryEntry[], CompiledRegistry>();

function compileRegistry(registry: RegistryEntry[]): CompiledRegistry {
  const cached = compiledCache.get(registry);
  if (cached) return cached;
  const byAlias = new Map<string, RegistryEntry>();
  for (const entry of registry) {
    for (const alias of [entry.name, ...entry.aliases]) if (!byAlias.has(alias)) byAlias.set(alias, entry);
  }
  // Spaces inside an alias match any run of spaces, so a double space does not hide a name.
  const alternatives = [...byAlias.keys()].sort((a, b) => b.length - a.length).map((alias) => alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\u00a0]+'));
  // Aliases end on a word boundary, or on their own final dot ("U.S."), optionally followed by 's.
  const regex = new RegExp(`(?<![\\w.-])(${alternatives.join('|')})(?:['’]s)?(?![\\w-]|\\.\\w)`, 'g');
  const compiled = { regex, byAlias };
  compiledCache.set(registry, compiled);
  return compiled;
}

const honorifics = /^(?:(?:Sen|Rep|Gov|Gen|Lt|Col|Adm|Dr|Mr|Mrs|Ms|Prof|Capt|Sgt|Hon|Amb)\.|Senator|Representative|Congressman|Congresswoman|President|Vice President|Secretary|Commerce Secretary|Minister|Ambassador|Chairman|Chairwoman|Chair|Ranking Member|Director|Judge|Justice|Governor|Mayor|Professor|Dr|Mr|Mrs|Ms|Sir|Dame|Lord|Lady|Chief(?:\s+[A-Z][a-z]+){1,2}\s+Officer|Chief Executive|CEO|Prime Minister|Foreign Minister|Trade Minister|Commissioner|Chancellor|Premier|Spokesperson|Spokesman|Spokeswoman|Deputy|Undersecretary|Under Secretary|Assistant Secretary)\s+/;

const organizationWords = /\b(Inc|Corp|Corporation|Co|Ltd|LLC|LLP|PLC|Group|Holdings|Institute|University|College|School|Department|Bureau|Agency|Administration|Commission|Committee|Council|Ministry|Office|Authority|Association|Federation|Foundation|Center|Centre|Lab|Labs|Laboratory|Laboratories|Technologies|Technology|Systems|Partners|Capital|Ventures|Securities|Research|Network|Society|Party|Parliament|Congress|Senate|Court|Bank|Fund|Union|Alliance|Coalition|Consortium|Forum|Initiative|Project|Program|Programme|Service|Services|Times|Post|Journal|News|Review|Dispatch|Wire|Monitor|Brief|Courier|Ledger|Gazette|Tribune|Herald|Daily|Weekly|Magazine|Media|Press|Board|Agency|Cloud|AI|Electronics|Semiconductor|Semiconductors|Microsystems|Devices|Motors|Airlines|Energy|Pharmaceuticals|Kell|& [A-Z]\w+)\b/;
const lawWords = /\b(Act|Acts|Rule|Rules|Regulation|Regulations|Framework|Directive|Order|Bill|Treaty|Agreement|Accord|Code|Statute|Amendment|Law|List|Guidance)$/;
const modelPattern = /^(?:[A-Z][\w]*[-\s])?(?:GPT|Claude|Gemini|Llama|Qwen|Mistral|Grok|Kimi|DeepSeek|Phi|Gemma|Mixtral|o\d)[-\s]?[\w.]*$|^[A-Z][a-z]+[-\s]\d+(\.\d+)?$/;
const productPattern = /^[A-Z]{1,3}\d{2,4}[A-Z]?$/;

// A modest list of given names across the languages the coverage quotes; it decides that a
// two-word capitalised name with no other cue is a person. Editors can extend it via the registry.
const givenNames = new Set(`
Aaron Abigail Adam Adrian Ahmed Aisha Alan Albert Alex Alexander Alexandra Alice Alicia Amanda Amir Amy Ana Andrea Andrew Angela Anna Anne Anthony Anton Arjun Ashley
Ben Benjamin Beth Bill Bob Brian Bruce Carl Carla Carlos Caroline Catherine Charles Charlotte Chen Chris Christina Christine Christopher Claire Colin Craig Dan Dana Daniel David Deborah Dennis Diana Diego Dmitri Dominic Donald Douglas Edward Elena Elizabeth Ellen Emily Emma Eric Erik Ethan Eva Fatima Felix Fiona Frank Gabriel Gary George Gina Grace Greg Gregory Hannah Hans Harold Harry Heather Helen Henry Hiroshi Howard Hugo Ian Igor Ingrid Isaac Isabel Ivan Jack Jacob James Jamie Jan Jane Janet Jason Javier Jean Jeff Jeffrey Jennifer Jensen Jeremy Jessica Jim Joan Joe John Jonathan Jordan Jorge Jose Joseph Joshua Juan Julia Julian Julie Justin Karen Karl Kate Katherine Kathryn Kelly Ken Kenji Kevin Kim Laura Lauren Lee Leo Leon Li Liang Linda Lisa Liu Lucas Lucy Luis Mai Marco Marcus Margaret Maria Marie Mark Martin Mary Matthew Maya Mei Melissa Michael Michelle Miguel Mike Min Mohammed Muhammad Nadia Nancy Naomi Natalie Nathan Neil Nicholas Nicole Nina Noah Olga Oliver Olivia Omar Oscar Pablo Patricia Patrick Paul Paula Pedro Peter Philip Pierre Priya Rachel Rahul Raj Ramon Raymond Rebecca Richard Rita Robert Robin Roger Rosa Ruth Ryan Sam Samantha Samuel Sandra Sara Sarah Satya Scott Sean Sebastian Sergei Simon Sofia Sophie Stephanie Stephen Steve Steven Susan Takeshi Tamara Tanya Teresa Thomas Tim Timothy Tom Tomas Tony Tyler Valerie Vanessa Victor Victoria Vikram Vincent Wang Wei William Xavier Yan Yang Yuki Yusuf Zhang Zoe
Tobias Marta Ines Rohan Ananya Kwame Amara Chidi Ngozi Kofi Lena Nils Astrid Henrik Mateo Camila Valentina Diego Farah Leila Reza Hana Jun Hyun Seo Ji Yuna Haruto Sakura Minh Thanh Arun Deepa Sunil Kavya Ravi Anil Meera Owen Rhys Declan Siobhan Aoife Niamh Callum Elliot Theo Felicity Imogen Harriet Rupert Graham Malcolm Duncan Morgan Taylor Casey Riley Avery Quinn Reese Jordan Cameron Dev Nikhil Priyanka
`.trim().split(/\s+/));

// Acronyms of common nouns and units, not names: "AI" or "GPU" alone is not an organisation.
const genericAcronyms = new Set('AI AGI API APIs GPU GPUs CPU CPUs TPU LLM LLMs ML NLP IT IP CEO CFO CTO COO CIO CISO VP PR HR IPO GDP ETF FAQ PDF URL HTML CSS JS SDK SaaS OK TV AM PM GMT UTC EST EDT PST PDT CET HBM DRAM RAM SSD PC PCs FLOP FLOPs FLOPS TOPS ESG KPI ROI R&D Q1 Q2 Q3 Q4'.split(' '));

const sentenceStarters = new Set(`A An The This That These Those It Its In On At For From With Without By As If When While After Before But And Or Yet So Nor Although Though Because Since Until Unless However Meanwhile Still Also Even Only Just Then There Here What Who Why How Which Where Some Many Most Several Such Other Another Each Every All Both Few More Less Last Next First Second Third New Old Now Today Yesterday Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Instead According Asked Under Over Despite Amid Among Between During Into Through Against Like Unlike Read Share Subscribe Sign Related Photo Image Updated Published Advertisement Editor Editors Note Opinion Analysis Comment Comments Follow More Latest Top Home News Watch Listen We I You He She They Our Their His Her My Your One Two Three Four Five Ten No Not Yes`.split(/\s+/));

const connectors = new Set(['of', 'for', 'and', 'the', 'on', 'de', 'du', 'von', 'van', 'der', 'da', '&']);

function stripPossessive(surface: string): string {
  return surface.replace(/['’]s$/, '').replace(/['’]$/, '');
}

function typeOfName(name: string, context: { before: string; after: string }): EntityType {
  if (lawWords.test(name)) return 'law';
  if (organizationWords.test(name)) return 'organization';
  if (modelPattern.test(name)) return 'model';
  if (productPattern.test(name)) return 'product';
  const tokens = name.split(/\s+/);
  const honorificBefore = /(?:Sen\.|Rep\.|Dr\.|Mr\.|Mrs\.|Ms\.|Prof\.|Senator|Representative|President|Secretary|Minister|Ambassador|Chairman|Chairwoman|Director|Professor|executive|chief|spokesperson|spokesman|spokeswoman|analyst|researcher|lawyer|partner|economist|founder|CEO)\s*$/i.test(context.before);
  const speechAround = /^\s*(?:,\s*(?:a|an|the|who|chief|head|director|senior|professor|founder|partner|president|vice|managing|executive|research|co-founder)\b|\s+(?:said|says|told|wrote|added|argued|noted|warned|explained|asked|believes|thinks)\b)/i.test(context.after)
    || /\b(?:said|says|according to|told|wrote|added|argued|noted|warned)\s*$/i.test(context.before);
  const looksLikeName = tokens.length >= 2 && tokens.length <= 4 && tokens.every((token) => /^[A-Z][a-zà-ÿ]*(?:['’]?[A-Z]?[a-zà-ÿ]+)*(?:-[A-Z]?[a-zà-ÿ]+(?:['’]?[A-Z]?[a-zà-ÿ]+)*)*$|^[A-Z]\.$/.test(token));
  if (looksLikeName && (givenNames.has(tokens[0]) || honorificBefore || speechAround)) return 'person';
  return 'other';
}

interface Span { start: number; end: number; surface: string }

/**
 * A heading or a piece of page furniture ("Sign Up For Our Newsletter", "Related Coverage"): a
 * paragraph of one short line, without a closing full stop, mostly in capitals. Names in it are
 * found by the registry, or in the body, where the prose gives them context.
 */
function looksLikeHeading(sentence: Sentence, sentences: Sentence[]): boolean {
  if (/[.!?]["”’)]?$/.test(sentence.text)) return false;
  if (sentences.some((other) => other !== sentence && other.paragraph === sentence.paragraph)) return false;
  const words = sentence.text.split(/\s+/).filter((word) => /^[\p{L}]/u.test(word));
  if (words.length === 0 || words.length > 14) return false;
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
  return capitalised / words.length >= 0.6;
}

// Contexts that say a capitalised name is a firm or institution, whatever its words look like
// ("analysts at Morgan Stanley", "Goldman Sachs analysts", "Morgan Stanley said in a note").
const organizationBefore = /\b(?:(?:analysts?|economists?|strategists?|researchers?|scientists?|executives?|employees?|engineers?|lawyers?|bankers?|officials?|staff|investors?|shareholders?|customers?|clients?|spokes(?:person|man|woman)|chief executive|CEO|founder|co-founder|director|head of [\w ]{2,30})\s+(?:at|from|with|of)|shares of|stake in|stock of|works? at|worked at)\s+$/i;
const organizationAfter = /^(?:['’]s)?\s+(?:analysts?|economists?|strategists?|shares|stock|executives?|engineers?|employees?|spokes(?:person|man|woman))\b|^\s+(?:said|says|wrote|warned|estimated|estimates)\s+in\s+an?\s+(?:\w+\s+)?(?:note|report|filing|statement|release|memo)\b|^,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:bank|firm|company|lender|brokerage|broker|consultancy|think tank|group|startup|lab|fund|outlet|newspaper|agency|chipmaker|maker|insurer|retailer|manufacturer)\b/i;

/** Capitalised word runs that could be names, with leading sentence furniture trimmed. */
function candidateSpans(text: string, sentences: Sentence[], covered: boolean[]): Span[] {
  const spans: Span[] = [];
  const wordPattern = /[A-Z][\w'’.&-]*|[a-z]+|[^\s\w]+|\d[\w.,]*/g;
  for (const sentence of sentences) {
    if (looksLikeHeading(sentence, sentences)) continue;
    const words: { word: string; start: number; end: number }[] = [];
    wordPattern.lastIndex = 0;
    const slice = sentence.text;
    let match: RegExpExecArray | null;
    while ((match = wordPattern.exec(slice))) {
      words.push({ word: match[0], start: sentence.start + match.index, end: sentence.start + match.index + match[0].length });
    }
    let i = 0;
    while (i < words.length) {
      const isCap = (w: string) => /^[A-Z]/.test(w) && !/^[A-Z]+$/.test(w.replace(/['’]s$/, '').replace(/[.'’]/g, '')) || /^[A-Z]{2,}[a-z]?$/.test(w.replace(/['’]s$/, ''));
      if (!isCap(words[i].word) || covered[words[i].start]) { i++; continue; }
      let j = i;
      while (j + 1 < words.length) {
        const next = words[j + 1];
        const gap = text.slice(words[j].end, next.start);
        if (!/^[ \u00a0]{1,3}$/.test(gap)) break;
        if (covered[next.start]) break;
        if (isCap(next.word)) { j++; continue; }
        // "and" joins two capitalised runs only inside a name built with of/for/on ("Bureau of Industry
        // and Security", "Center for Strategic and International Studies"); "Morgan Stanley and
        // Bernstein", "Kuala Lumpur and Hsinchu" are two names.
        let runEnd = j + 2;
        while (runEnd + 1 < words.length && isCap(words[runEnd + 1].word)) runEnd++;
        const endsAsLaw = lawWords.test(words[runEnd]?.word.replace(/[.,;:]+$/, '') ?? '');
        const joinsList = next.word === 'and' && !endsAsLaw && !words.slice(i, j + 1).some((word) => /^(?:of|for|on)$/.test(word.word));
        // "Rania Haddad on Monday", "the Senate on January 5": a date, not part of the name.
        const datedAfter = j + 2 < words.length && /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?$/.test(words[j + 2].word);
        if (connectors.has(next.word) && !joinsList && !datedAfter && j + 2 < words.length && isCap(words[j + 2].word) && !covered[words[j + 2].start] && /^[ \u00a0]{1,3}$/.test(text.slice(next.end, words[j + 2].start))) { j += 2; continue; }
        break;
      }
      let first = i;
      // Trim sentence-initial furniture ("The", "In", "However") and trailing punctuation.
      while (first <= j && (sentenceStarters.has(words[first].word.replace(/[.,]$/, '')) || connectors.has(words[first].word.toLowerCase()))) first++;
      if (first <= j) {
        let last = j;
        while (last > first && connectors.has(words[last].word.toLowerCase())) last--;
        const start = words[first].start;
        let end = words[last].end;
        let surface = text.slice(start, end);
        const trimmed = surface.replace(/[.,;:]+$/, '');
        if (trimmed.endsWith('.') === false && surface !== trimmed && !/\b[A-Z]\.$/.test(surface)) { end -= surface.length - trimmed.length; surface = trimmed; }
        const atSentenceStart = words[first].start === sentence.start;
        spans.push({ start, end, surface: stripPossessive(surface), ...(atSentenceStart ? { atStart: true } : {}) } as Span);
      }
      i = j + 1;
    }
  }
  return spans;
}

function sentenceAt(sentences: Sentence[], offset: number): Sentence | undefined {
  let low = 0;
  let high = sentences.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sentences[mid].end < offset) low = mid + 1;
    else if (sentences[mid].start > offset) high = mid - 1;
    else return sentences[mid];
  }
  return undefined;
}

export function extractEntities(text: string, sentences: Sentence[], registry: RegistryEntry[] = loadBuiltInRegistry()): FoundEntity[] {
  const found = new Map<string, FoundEntity>();
  const covered: boolean[] = [];
  const add = (rawName: string, type: EntityType, origin: 'registry' | 'detected', mention: EntityMention) => {
    const name = rawName.replace(/\s+/g, ' ');
    const id = entityKey(type, name);
    let entity = found.get(id);
    if (!entity) {
      entity = { id, name, type, aliases: [], origin, mentions: [] };
      found.set(id, entity);
    }
    const alias = stripPossessive(mention.surface).replace(/\s+/g, ' ');
    if (alias !== name && !entity.aliases.includes(alias)) entity.aliases.push(alias);
    entity.mentions.push(mention);
    for (let k = mention.start; k < mention.end; k++) covered[k] = true;
    return entity;
  };

  // 1. Abbreviations introduced in the text: "Bureau of Industry and Security (BIS)".
  const introduced = new Map<string, string>();
  for (const match of text.matchAll(/((?:[A-Z][\w'’&-]*\s+)(?:(?:of|for|and|the|on|&)\s+|[A-Z][\w'’&-]*\s+)*[A-Z][\w'’&-]*)\s+\(([A-Z][A-Za-z&]{1,9})\)/g)) {
    const long = match[1].replace(/^(The|A|An|In|On|At|By|From|With)\s+/, '');
    const initials = long.split(/\s+/).filter((word) => /^[A-Z]/.test(word)).map((word) => word[0]).join('');
    const short = match[2];
    if (initials.replace(/[^A-Z]/g, '').startsWith(short.replace(/[^A-Z]/g, '').slice(0, 2)) || short.length >= 2) introduced.set(short, long);
  }

  // 2. Registry matches.
  const { regex, byAlias } = compileRegistry(registry);
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text))) {
    const alias = match[1].replace(/[ \u00a0]+/g, ' ');
    const entry = byAlias.get(alias);
    if (!entry) continue;
    const start = match.index;
    const end = start + match[0].length;
    if (covered[start]) continue;
    const sentence = sentenceAt(sentences, start);
    // Lower-case aliases ("commerce ministry") only count as names mid-sentence with a determiner before.
    add(entry.name, entry.type, 'registry', { surface: match[0], start, end, sentence: sentence?.text ?? '' });
  }

  // 3. General detector for everything else.
  const spans = candidateSpans(text, sentences, covered) as (Span & { atStart?: boolean })[];
  const capitalisedElsewhere = new Set(spans.filter((span) => !span.atStart).map((span) => span.surface));
  const people: FoundEntity[] = [];
  const organizations: FoundEntity[] = [];
  const contextOf = (span: Span) => ({ before: text.slice(Math.max(0, span.start - 40), span.start), after: text.slice(span.end, span.end + 60) });
  // A name that any of its mentions places in a firm's context is a firm, even when it starts
  // with a given name ("Morgan Stanley").
  const organizationContext = new Set(spans.filter((span) => {
    const { before, after } = contextOf(span);
    const modifiesNoun = /^\s+[a-z]/.test(after) && !/^\s+(?:said|says|and|or|in|on|to|has|had|have|is|was|which|who|expects?|estimated?|estimates|wrote|told|noted|added|analysts?|economists?|strategists?|shares|stock|executives?|engineers?|employees?|spokes(?:person|man|woman))\b/.test(after);
    // "Chinese engineers", "American analysts": a nationality, not a firm.
    const demonym = /^[A-Z][a-z]+(?:ese|ian|ish|ean|can|ch|ic|i)$/.test(span.surface);
    return !modifiesNoun && !demonym && (organizationBefore.test(before) || organizationAfter.test(after));
  }).map((span) => span.surface));
  for (const span of spans) {
    let surface = span.surface;
    const honorific = surface.match(honorifics);
    if (honorific) surface = surface.slice(honorific[0].length);
    if (!surface || surface.length < 2) continue;
    // The mention covers what the text says ("Sen. Jane Roe", "Nvidia's"); the record is the name.
    const mention = { surface: text.slice(span.start, span.end), start: span.start, end: span.end, sentence: sentenceAt(sentences, span.start)?.text ?? '' };
    const single = !surface.includes(' ');
    if (single) {
      // A surname alone, after the full name appeared: the same person ("Mr. Liang" for Liang Wenfeng too).
      const person = people.find((candidate) => candidate.name.split(' ').pop() === surface)
        ?? (honorific ? people.find((candidate) => candidate.name.split(' ').includes(surface)) : undefined);
      if (person) { add(person.name, 'person', 'detected', mention); continue; }
      const known = honorific ? [...found.values()].find((entity) => entity.type === 'person' && entity.name.split(' ').includes(surface)) : undefined;
      if (known) { add(known.name, 'person', 'registry', mention); continue; }
      // A firm's first word alone, after its full name appeared: "Vantor" for "Vantor Labs".
      const organization = organizations.find((candidate) => candidate.name.split(' ')[0] === surface && !/^(?:The|National|American|Chinese|European|International|Federal|State|United|Department|Bureau|Ministry|Office)$/.test(surface));
      if (organization && !/^\s?\d/.test(text.slice(span.end, span.end + 3))) { add(organization.name, 'organization', 'detected', mention); continue; }
    }
    if (single && span.atStart && !capitalisedElsewhere.has(surface) && !introduced.has(surface) && !honorific) continue;
    if (/^\d/.test(surface) || /^(AM|PM|GMT|UTC|EST|EDT|PST|PDT|CET)$/.test(surface)) continue;
    const { before, after } = contextOf(span);
    const longForm = introduced.get(surface);
    const name = longForm ?? surface;
    let type = typeOfName(name, { before: honorific ? honorific[0] : before, after });
    if (type === 'other' && longForm) type = typeOfName(longForm, { before: '', after: '' });
    if (type === 'other' && single && /^[A-Z]{2,6}$/.test(surface) && !longForm && !genericAcronyms.has(surface)) type = 'organization';
    // "Mr. Liang", "Sen. Warner": a courtesy or office title marks a person even by surname alone.
    if (type === 'other' && single && honorific && /^[A-Z][a-zà-ÿ'’-]+$/.test(surface)) type = 'person';
    if ((type === 'person' || type === 'other') && !honorific && organizationContext.has(span.surface) && !/^\s*,\s*(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:at|of|with|for)\b/.test(after)) type = 'organization';
    // "officials in Kuala Lumpur", "a startup based in Hsinchu": a place, when nothing says otherwise.
    if (type === 'other' && !/^\.?\s*\d/.test(after) && (/\b(?:in|from|near|outside|across)\s+$/.test(before) && !single || /\b(?:based|headquartered|located) in\s+$/.test(before))) type = 'place';
    if (single && type === 'other') continue; // a lone capitalised word with no cue is not worth a record
    if (/^(Chief|Senior|Deputy|Head|Vice|Executive|Managing|General|Assistant)\b/.test(name)) continue; // a job title, not a name
    const entity = add(name, type, 'detected', mention);
    if (type === 'person' && !people.includes(entity)) people.push(entity);
    if (type === 'organization' && !organizations.includes(entity)) organizations.push(entity);
  }
  // Short forms introduced in the text resolve to their long form's record.
  for (const [short, long] of introduced) {
    const target = [...found.values()].find((entity) => entity.name === long);
    const shortRecord = [...found.values()].find((entity) => entity.name === short && entity !== target);
    if (target && shortRecord) {
      target.mentions.push(...shortRecord.mentions);
      if (!target.aliases.includes(short)) target.aliases.push(short);
      found.delete(shortRecord.id);
    } else if (target && !target.aliases.includes(short)) {
      target.aliases.push(short);
    }
  }
  for (const entity of found.values()) entity.mentions.sort((a, b) => a.start - b.start);
  return [...found.values()];
}
