// Entities: the curated registry first (known actors, with their aliases), then a general detector
// for names the registry does not know: runs of capitalised words, split where a title or a
// possessive stands inside them, typed from curated lists beside the registry (a gazetteer, given
// names), the words a name ends in (Institute, Act, Island) and the context (titles, speech verbs,
// "analysts at"). Mentions are resolved to one record per real thing: honorifics and titles dropped,
// possessives removed, abbreviations introduced in the text ("the Bureau of Industry and Security
// (BIS)") or spelled by a name's initials, and later surname-only or first-name mentions linked back.
// Tuned and measured on hand-annotated real articles: `npm run bench:facts`.
//
// To add a rule: the detector is five ordered tables of named rules (registryMatchRules,
// candidateRules, typeCues, nameRules, recordPasses), each rule with a comment giving the example
// it handles; put the new rule where it must run, give it a name and an example, and add that
// example to test/extract/entityRules.test.ts. Word lists live in ./words.ts; a known actor belongs
// in the registry (registry/entities.yaml, or `tracker entities add`), not in a rule.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { Sentence } from './sentences.ts';
import { entityKey } from './keys.ts';
import {
  ABBREVIATED_HONORIFICS, ADJECTIVAL_ENDINGS, alternation, COMMON_NAME_OPENERS, COMMON_NOUNS, GENERIC_ACRONYMS, HEADING_FUNCTION_WORDS, HEADING_OPENERS, HONORIFICS,
  JOB_TITLE_OPENERS, LAW_WORDS, MODEL_FAMILIES, MODEL_VERSION_WORDS, MONTH_ABBREVIATIONS, MONTH_NAMES, NAME_CONNECTORS, ORGANIZATION_WORDS,
  PAGE_FURNITURE_WORDS, PARTY_PLURALS, PEOPLE_GROUP_NOUNS, PLACE_ABBREVIATIONS, PLACE_WORDS, SENTENCE_STARTERS, TITLE_ONLY_WORDS, TITLE_WORDS,
  WEAK_TITLE_WORDS, WEEKDAY_NAMES,
} from './words.ts';

export type { EntityType } from './entityTypes.ts';
import type { EntityType } from './entityTypes.ts';

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
    for (const alias of [entry.name, ...entry.aliases]) {
      // "Taiwan Semiconductor Manufacturing Co" without its dot, as wire copy writes it; "H100s", "A800s".
      const variants = [alias, ...(/\b(?:Co|Corp|Inc|Ltd)\.$/.test(alias) ? [alias.slice(0, -1)] : []), ...((entry.type === 'product' || entry.type === 'model') && /\d$/.test(alias) ? [`${alias}s`] : [])];
      for (const variant of variants) if (!byAlias.has(variant)) byAlias.set(variant, entry);
    }
  }
  // Spaces inside an alias match any run of spaces, so a double space does not hide a name.
  const alternatives = [...byAlias.keys()].sort((a, b) => b.length - a.length).map((alias) => alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\u00a0]+'));
  // Aliases end on a word boundary, or on their own final dot ("U.S."), optionally followed by 's,
  // or before an adjectival ending ("DeepSeek-affiliated accounts", "Nvidia-designed chips": a
  // mention of DeepSeek, of Nvidia).
  const regex = new RegExp(`(?<![\\w.-])(${alternatives.join('|')})(?:['’]s)?(?![\\w]|-(?!(?:${alternation(ADJECTIVAL_ENDINGS)})\\b)|\\.\\w)`, 'g');
  const compiled = { regex, byAlias };
  compiledCache.set(registry, compiled);
  return compiled;
}

// Patterns built once, at load, from the word lists in ./words.ts.
// "Sen. ", "The Right Honourable ", "Chief Technology Officer ", "Commerce Secretary ": a title before a name.
const honorifics = new RegExp(String.raw`^(?:(?:${alternation(ABBREVIATED_HONORIFICS)})\.|(?:The\s+)?(?:Right\s+)?Honou?rable|Chief(?:\s+[A-Z][a-z]+){1,2}\s+Officer|${alternation(HONORIFICS)})\s+`);

// An organisation's word anywhere in a name ("Acme Labs", "Bureau of Industry and Security"), a law's
// or a place's word at its end ("Export Control Reform Act", "Redonda Island").
const organizationAlternatives = String.raw`${alternation(ORGANIZATION_WORDS)}|& [A-Z]\w+`;
const organizationWords = new RegExp(String.raw`\b(?:${organizationAlternatives})\b`);
const lawAlternatives = alternation(LAW_WORDS);
const lawWords = new RegExp(String.raw`\b(?:${lawAlternatives})$`);
const placeAlternatives = alternation(PLACE_WORDS);
const placeWords = new RegExp(String.raw`\b(?:${placeAlternatives})$`);
// "New York Times", "Puerto Rico Police Department": the words after a place that make it open a body's name.
const placeOpensBody = new RegExp(String.raw`^ (?!AI\b)(?:[A-Z][\w'’.&-]*\s){0,3}?(?:${organizationAlternatives}|Department|Government|Air Force|Navy|Army|Police|Court|Times|Post)\b`);
const commonNouns = new Set<string>(COMMON_NOUNS);
const loneOrganizationWord = new RegExp(`^(?:${organizationAlternatives})$`);
const modelFamilies = alternation(MODEL_FAMILIES);
const modelPattern = new RegExp(String.raw`^(?:[A-Z][\w]*[-\s])?(?:${modelFamilies}|o\d)[-\s]?[\w.]*(?:-[\w.]+)*$|^[A-Z][a-z]+[-\s]\d+(\.\d+)?$`);
const modelFamilyOpens = new RegExp(String.raw`^(?:${modelFamilies})\b`);
const modelVersionTail = new RegExp(String.raw`^(?:[ -](?:${alternation(MODEL_VERSION_WORDS)}|\d+(?:\.\d+)*[A-Za-z]?|[VRK]\d+(?:\.\d+)?)(?![\w-]))+`);
const productPattern = /^[A-Z]{1,3}\d{2,4}[A-Z]?$/;

// Curated lists beside the registry: given names (a capitalised two- to four-word name starting
// with one is a person unless the text says otherwise) and a gazetteer of places (a name that is
// a place when nothing says otherwise). Editors extend them like the registry.
function readList(file: string): string[] {
  return fs.readFileSync(path.join(path.dirname(registryFile), file), 'utf8').split('\n').filter((line) => line.trim() && !line.startsWith('#')).map((line) => line.trim());
}
const givenNames = new Set(readList('given-names.txt').flatMap((line) => line.split(/\s+/)));
const knownPlaces = new Set(readList('places.txt'));
const surnames = new Set(readList('surnames.txt').flatMap((line) => line.split(/\s+/)));
const femaleNames = new Set(readList('female-names.txt').flatMap((line) => line.split(/\s+/)));
const maleNames = new Set(readList('male-names.txt').flatMap((line) => line.split(/\s+/)));

/** 'f' or 'm' when a person's given name or a courtesy title in one of its mentions says so, else null. */
export function genderOf(entity: FoundEntity): 'f' | 'm' | null {
  for (const mention of entity.mentions) {
    if (/^(?:Mrs|Ms|Miss)\.?\s|^(?:Queen|Princess|Duchess|Lady|Dame|Madam)\s/.test(mention.surface)) return 'f';
    if (/^Mr\.?\s|^(?:King|Prince|Duke|Lord|Sir)\s/.test(mention.surface)) return 'm';
  }
  const first = entity.name.split(' ')[0];
  if (femaleNames.has(first)) return 'f';
  if (maleNames.has(first)) return 'm';
  return null;
}

// Words of a title or office before a name ("Police Commissioner Christine Elow", "Executive
// Director Javier Betancourt"): the name after them is a person, the words before them are a
// separate name (a place, an organisation) or nothing.
const titleWords = new Set<string>(TITLE_WORDS);
// Office words that open a title run only when another title word follows ("Attorney General",
// "Vice President"); alone they begin names ("General Motors", "Head Start").
const weakTitleWords = new Set<string>(WEAK_TITLE_WORDS);
// Adjectives of nationality, party or creed: "South Korean", "African Americans", "Democratic".
const adjectivalName = new RegExp(String.raw`^(?:[A-Z][a-z]+(?:ans?|ians?|eans?|ese|ish|ic|is?|ch)|${alternation(PARTY_PLURALS)}|[A-Z][a-z]+(?:ers|ites))$`);
const joinableHead = new RegExp(`^(?:${organizationAlternatives}|${lawAlternatives}|${placeAlternatives}|Republic|Kingdom|State|States|Province|Proceedings|Pueblo|Friends|Citizens|Americans|People|Secretary|Minister|Ministry|Department|Bureau|Duchy|Principality|Emirate|Sultanate|Order|Knights|Daughters|Sons|Sisters|Brothers|Cathedral|Isle|Gulf|Bay|Port|Mount|Cape|Lake|Sea|Straits?|Governor|Mayor|Prime|President|Chancellor|Director|Commissioner|Council|Institute|Center|Centre|School|College|University|Museum|Bank|Court|Office)$`);

// Acronyms of common nouns and units, not names: "AI" or "GPU" alone is not an organisation.
const genericAcronyms = new Set<string>(GENERIC_ACRONYMS);

// Capitalised words that open sentences ("The", "However", "Monday") and page furniture.
const sentenceStarters = new Set<string>(SENTENCE_STARTERS);

const connectors = new Set<string>(NAME_CONNECTORS);

function stripPossessive(surface: string): string {
  return surface.replace(/['’]s$/, '').replace(/['’]$/, '');
}

interface TypeContext { before: string; after: string; titled: boolean; surnameReused: boolean }

function typeOfName(name: string, context: TypeContext): EntityType {
  const tokens = name.split(/\s+/);
  const last = tokens[tokens.length - 1];
  if (knownPlaces.has(name)) return 'place';
  if (/\b(?:School|University|College|Institute|Centre|Center|Department|Faculty|Society|Association|Office|Ministry|Bureau|Library|Journal|Review) (?:of|for)\b/.test(name)) return 'organization';
  if (lawWords.test(name)) return 'law';
  if (organizationWords.test(name) || (tokens.length > 1 && /^(?:International|Worldwide)$/.test(last))) return 'organization';
  if (placeWords.test(last) && tokens.length > 1) return 'place';
  if (tokens.length > 1 && /^(?:Château|Castello|Castillo|Schloss|Lac|Monte|Mont|Isla|Río|Rio)$/.test(tokens[0])) return 'place';
  if (modelPattern.test(name) && (/\d/.test(name) || modelFamilyOpens.test(name))) return 'model';
  if (productPattern.test(name)) return 'product';
  if (tokens.length === 1 && /^[A-Za-z][\w-]*\.(?:com|org|net|io|ai|co)$/.test(name)) return 'organization';
  if (tokens.length === 1 && /^[A-Z][\w-]*\.js$/.test(name)) return 'product';
  // German and Dutch street and square names written as one word ("Petersallee", "Manga-Bell-Platz").
  if (tokens.length === 1 && /(?:stra(?:ss|ß)e|allee|platz|gasse|ufer|damm|straat|plein|laan|gracht)$/i.test(name)) return 'place';
  const honorificBefore = context.titled || /(?:Sen\.|Rep\.|Dr\.|Mr\.|Mrs\.|Ms\.|Prof\.|Senator|Representative|President|Secretary|Minister|Ambassador|Chairman|Chairwoman|Director|Professor|executive|chief|spokesperson|spokesman|spokeswoman|analyst|researcher|lawyer|partner|economist|founder|CEO|Judge|Justice|Governor|Mayor|Commissioner|Sheriff|actor|actress|director|singer|player|coach|author|writer|reporter|student|resident|mother|father|wife|husband|son|daughter|brother|sister|friend|neighbor|neighbour)\s*,?\s*$/i.test(context.before);
  const speechAround = /^\s*(?:,\s*(?:a|an|the|who|chief|head|director|senior|professor|founder|partner|president|vice|managing|executive|research|co-founder|\d{1,3},)\b|\s+(?:said|says|told|wrote|added|argued|noted|warned|explained|asked|believes|thinks|replied|recalled|tweeted|posted|quipped|insisted|admitted|acknowledged)\b|\s*\((?:[DRI]-|\d{1,3}\)))/i.test(context.after)
    || /\b(?:said|says|according to|told|wrote|added|argued|noted|warned)\s*$/i.test(context.before);
  const looksLikeName = tokens.length >= 2 && tokens.length <= 4 && tokens.every((token) => /^(?:[A-Z][a-zà-ÿ]*(?:['’]?[A-Z]?[a-zà-ÿ]+)*(?:-[A-Z]?[a-zà-ÿ]+(?:['’]?[A-Z]?[a-zà-ÿ]+)*)*|[A-Z]\.|de|da|van|von|der|del|la|le|bin|al|Jr\.?|Sr\.?|II|III)$/.test(token)) && /^[A-Z]/.test(last);
  if (looksLikeName && (givenNames.has(tokens[0]) || honorificBefore || speechAround || context.surnameReused)) return 'person';
  // "Deqa Dhalac", "Junmyung Lee": a known family name after a plain capitalised word.
  if (looksLikeName && tokens.length <= 3 && surnames.has(last) && !surnames.has(tokens[0]) && /^\p{Lu}\p{Ll}+$/u.test(tokens[0]) && !adjectivalName.test(tokens[0]) && !knownPlaces.has(tokens[0])) return 'person';
  // A given name alone that speaks or is spoken of as a person: "Meghan said", "said Harry".
  if (tokens.length === 1 && givenNames.has(name) && (honorificBefore || speechAround)) return 'person';
  return 'other';
}

interface Span { start: number; end: number; surface: string; atStart?: boolean; titled?: boolean }

/**
 * A heading or a piece of page furniture ("Sign Up For Our Newsletter", "Related Coverage"): a
 * paragraph of one short line, without a closing full stop, mostly in capitals. Names in it are
 * found by the registry, or in the body, where the prose gives them context.
 */
function looksLikeHeading(sentence: Sentence, sentencesInParagraph: Map<number, number>): boolean {
  // Title Case even in its small words ("Vessel Returning To Puerto Rico From St. Thomas With…").
  const all = sentence.text.split(/\s+/).filter((word) => /^\p{L}/u.test(word));
  if (all.length >= 6 && all.filter((word) => /^(?:To|From|With|Of|By|In|On|For|And|The|At|As|Into|After|Over)$/.test(word)).length >= 2
    && all.filter((word) => /^\p{Lu}/u.test(word)).length >= all.length * 0.8) return true;
  if (/[.!?]["”’)]?$/.test(sentence.text)) return false;
  if ((sentencesInParagraph.get(sentence.paragraph) ?? 0) > 1) return false;
  const words = sentence.text.split(/\s+/).filter((word) => /^[\p{L}]/u.test(word));
  if (words.length === 0 || words.length > 14) return false;
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
  return capitalised / words.length >= 0.6;
}

// Contexts that say a capitalised name is a firm or institution, whatever its words look like
// ("analysts at Morgan Stanley", "Goldman Sachs analysts", "Morgan Stanley said in a note").
const organizationBefore = /\b(?:(?:the|a)\s+(?:law\s+)?(?:firm|consultancy|brokerage|bank|fund|startup|chipmaker)|(?:analysts?|economists?|strategists?|researchers?|scientists?|executives?|employees?|engineers?|lawyers?|bankers?|officials?|staff|investors?|shareholders?|customers?|clients?|spokes(?:person|man|woman)|chief executive|CEO|founder|co-founder|director|head of [\w ]{2,30})\s+(?:at|from|with|of)|shares of|stake in|stock of|works? at|worked at)\s+$/i;
const organizationAfter = /^(?:['’]s)?\s+(?:analysts?|economists?|strategists?|shares|stock|executives?|engineers?|employees?|spokes(?:person|man|woman))\b|^\s+(?:said|says|wrote|warned|estimated|estimates)\s+in\s+an?\s+(?:\w+\s+)?(?:note|report|filing|statement|release|memo)\b|^,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:bank|firm|company|lender|brokerage|broker|consultancy|think tank|group|startup|lab|fund|outlet|newspaper|agency|chipmaker|maker|insurer|retailer|manufacturer)\b/i;

// Words trimmed from a name wherever they stand: dates and page furniture glued to a name.
const alwaysTrimmed = new Set<string>([...WEEKDAY_NAMES, ...MONTH_NAMES, ...PAGE_FURNITURE_WORDS]);
// A weekday, a month or its abbreviation, alone: "on Monday", "Jan.".
const dateWord = new RegExp(String.raw`^(?:${alternation([...WEEKDAY_NAMES, ...MONTH_NAMES, ...MONTH_ABBREVIATIONS])})\.?$`);
const monthAbbreviation = new RegExp(String.raw`^(?:${alternation(MONTH_ABBREVIATIONS)})\.?$`);

interface Word { word: string; start: number; end: number; breakAfter?: boolean }

const isPossessive = (word: string) => /['’]s?$/.test(word) && !/^[A-Z]['’]s?$/.test(word);
const isCapitalised = (word: string) => { const code = word.charCodeAt(0); return ((code >= 65 && code <= 90) || code > 127) ? isCapitalisedSlow(word) : /^[ie][A-Z][A-Za-z]+$|^(?:al|el|ad|ash|bin|ibn|abu|ben|bint)-\p{Lu}/u.test(word); };
const isCapitalisedSlow = (word: string) => !/^[\p{Lu}\d.]+-\p{Ll}/u.test(word) && ((/^\p{Lu}/u.test(word) && !/^\p{Lu}+$/u.test(word.replace(/['’]s$/, '').replace(/[.'’]/g, ''))) || /^[A-Z]{2,}[a-z]?$/.test(word.replace(/['’]s$/, '').replace(/(?<=^(?:LLP|LLC|PLC|LP|SA|AG|NV|BV|AB|ASA|SE|Ltd|Inc))[.,;:]$/, '')) || /^(?:[A-Z]\.){1,4}$/.test(word));

/**
 * Splits a run of capitalised words where a title stands inside it or where a person's name
 * begins after another name: "Cambridge Police Commissioner Christine Elow" gives "Cambridge
 * Police" and the person "Christine Elow"; "District of Massachusetts Joshua Levy" gives two names.
 */
function splitRun(words: Word[], lowercaseWords: Set<string> = new Set()): { words: Word[]; titled: boolean; nameFrom?: number }[] {
  const bare = (word: Word) => word.word.replace(/[,;:]+$/, '');
  for (let k = 0; k < words.length; k++) {
    if (!titleWords.has(bare(words[k]))) continue;
    // A weak title word alone begins a name ("General Motors"); after another title word it is part of the title.
    let runEnd = k;
    while (runEnd + 1 < words.length && titleWords.has(bare(words[runEnd + 1]))) runEnd++;
    if (runEnd === k && weakTitleWords.has(bare(words[k])) && k === 0) continue;
    const tail = words.slice(runEnd + 1);
    // "Napa County Public Works Director": a title at the end is not part of the name before it.
    if (tail.length === 0 && k > 0 && (!weakTitleWords.has(bare(words[k])) || /^(?:Director|Chair|Officer|Manager|Dean|Clerk)$/.test(bare(words[k])))) return [{ words: words.slice(0, k), titled: false }];
    if (tail.length === 0 || tail.length > 4) continue;
    const tailNames = tail.map(bare);
    const personLike = tailNames.every((word) => /^[A-Z][\p{L}'’.-]*$/u.test(word) || /^(?:de|da|van|von|der|del|la|le|bin|al)$/.test(word)) && !organizationWords.test(tailNames.join(' ')) && !placeWords.test(tailNames[tailNames.length - 1]) && !knownPlaces.has(tailNames.join(' '));
    if (!personLike || (tail.length === 1 && !givenNames.has(tailNames[0]) && !/^(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov)\.?$/.test(bare(words[runEnd])) && k > 0 && !/^(?:Mayor|Commissioner|Governor|Senator|Judge|Justice|Sheriff|President|Chancellor|Professor|Detective|Sergeant|Captain|Coach|Pastor|Minister|Ambassador|Secretary)$/.test(bare(words[runEnd])))) continue;
    const head = words.slice(0, k);
    // "Judge Neil Ford QC": a title after the name comes off too.
    let last = words.length;
    while (last > runEnd + 2 && titleWords.has(bare(words[last - 1])) && !weakTitleWords.has(bare(words[last - 1]))) last--;
    // The mention keeps the title ("Sen. Jane Roe"); the record's name starts after it.
    return [...(head.length ? [{ words: head, titled: false }] : []), { words: words.slice(k, last), titled: true, nameFrom: runEnd + 1 - k }];
  }
  // A given name inside the run, after a name that is not a person's: "Defendants James Lee".
  for (let k = 1; k < words.length - 1; k++) {
    const tail = words.slice(k).map(bare);
    if (!givenNames.has(tail[0]) || tail.length > 3 || givenNames.has(bare(words[0]))) continue;
    if (knownPlaces.has(`${bare(words[k - 1])} ${tail[0]}`) || knownPlaces.has(words.slice(0, k + 1).map(bare).join(' '))) continue;
    if (connectors.has(bare(words[k - 1]).toLowerCase())) continue;
    // "Fondation Louis Vuitton", "Banco Carlos Slim": a body's word opens a name given after a person.
    if (k <= 2 && /^(?:Fondation|Foundation|Stiftung|Fundación|Fundação|Fondazione|Banco|Instituto|Institut|Musée|Museo|Museum|Hôtel|Hotel|Université|Universidad|University|College|School|Hospital|Centre|Center|Prix|Prize|Award|Trophy|Cup|Stadium|Arena|Airport|Bridge|Park|Avenue|Street|Boulevard|Fort|Camp|Lake|Mount|Saint|St\.|San|Santa|Villa|Casa|Château|Palais|Palazzo)$/.test(bare(words[k - 1]))) continue;
    // "Yunfan Gerry Zhang": a given name and an English one before the family name, one person.
    if (k === 1 && words.length === 3 && /^\p{Lu}\p{Ll}+$/u.test(bare(words[0])) && !lowercaseWords.has(bare(words[0]).toLowerCase()) && !/(?:ist|er|or|ian|ant|ent)$/.test(bare(words[0])) && !/s$/.test(bare(words[0])) && !knownPlaces.has(bare(words[0])) && !organizationWords.test(bare(words[0])) && !titleWords.has(bare(words[0])) && !lawWords.test(bare(words[0])) && !/(?:ian|ean|ese|ish|ic|can)$/.test(bare(words[0]))) continue;
    if (!tail.every((word) => /^[A-Z][\p{L}'’-]+$/u.test(word)) || organizationWords.test(tail.join(' ')) || placeWords.test(tail[tail.length - 1]) || knownPlaces.has(tail.join(' '))) continue;
    return [{ words: words.slice(0, k), titled: false }, { words: words.slice(k), titled: false }];
  }
  return [{ words, titled: false }];
}

/** Capitalised word runs that could be names, with leading sentence furniture trimmed. */
function candidateSpans(text: string, sentences: Sentence[], covered: Uint8Array, lowercaseWords: Set<string>): Span[] {
  const spans: Span[] = [];
  const wordPattern = /\p{Lu}[\p{L}\p{M}\p{N}_'’.&+-]*|(?:al|el|ad|ash|bin|ibn|abu|ben|bint)-\p{Lu}[\p{L}\p{M}'’-]*|[ie]\p{Lu}[\p{L}\p{N}]*\+?|\p{Ll}[\p{L}\p{M}]*|[^\s\p{L}\p{N}_]+|\p{N}[\p{L}\p{N}.,]*/gu;
  const sentencesInParagraph = new Map<number, number>();
  for (const sentence of sentences) sentencesInParagraph.set(sentence.paragraph, (sentencesInParagraph.get(sentence.paragraph) ?? 0) + 1);
  for (const sentence of sentences) {
    if (looksLikeHeading(sentence, sentencesInParagraph)) continue;
    const words: Word[] = [];
    wordPattern.lastIndex = 0;
    const slice = sentence.text;
    let match: RegExpExecArray | null;
    while ((match = wordPattern.exec(slice))) {
      let word = match[0];
      let breakAfter = false;
      // A footnote number glued to a word ("Shor.3"): the word ends the name.
      const footnote = /\.\d+$/.test(word) ? /^(.*[A-Za-z])\.\d+$/.exec(word) : null;
      if (footnote && /^[A-Z]/.test(word)) { word = footnote[1]; breakAfter = true; }
      // "Charleston-based", "Texas-born": the place before the hyphen, then the name ends.
      const compound = /^(\p{Lu}[\p{L}.'’]+)-(?:based|born|bred|headquartered|area|led|owned|backed|made|style|era|native|raised|focused|listed|registered)$/u.exec(word);
      if (compound) { word = compound[1]; breakAfter = true; }
      words.push({ word, start: sentence.start + match.index, end: sentence.start + match.index + word.length, breakAfter });
    }
    // Where the sentence's prose begins: after any opening quotes or brackets.
    const firstWordIndex = words.findIndex((word) => /^[\p{L}\d]/u.test(word.word));
    let i = 0;
    while (i < words.length) {
      if (!isCapitalised(words[i].word) || covered[words[i].start]) { i++; continue; }
      let j = i;
      let overlong = false;
      while (j + 1 < words.length && !words[j].breakAfter) {
        // No name runs past a dozen words: a longer run of capitals is a heading, a tag list or
        // shouting, and is skipped whole (which also keeps hostile text linear).
        if (j - i >= 12) {
          while (j + 1 < words.length && (isCapitalised(words[j + 1].word) || connectors.has(words[j + 1].word))) j++;
          overlong = true;
          break;
        }
        const next = words[j + 1];
        const gap = text.slice(words[j].end, next.start);
        if (!/^[ \u00a0]{1,3}$/.test(gap)) break;
        if (covered[next.start]) {
          const cityAfter = /^(?:College|University|School)$/.test(words[j].word) && isCapitalised(next.word) && !isCapitalised(words[j + 2]?.word ?? '');
          if (!cityAfter) break;
          j++;
          continue;
        }
        // A possessive ends the name ("NBC News' Today", "Sheffield’s Residence Life"), unless the
        // run goes on to an organisation's word ("Citizens’ Independent Transportation Trust").
        if (isPossessive(words[j].word)) {
          let runEnd = j + 1;
          while (runEnd + 1 < words.length && (isCapitalised(words[runEnd + 1].word) || connectors.has(words[runEnd + 1].word))) runEnd++;
          const rest = words.slice(j + 1, runEnd + 1).map((word) => word.word.replace(/[.,;:]+$/, '')).join(' ');
          if (!/^(?:Office|Bank|Trust|Association|Union|Party|Court|Hospital|Department|Bureau|Committee|Council|Fund|Liberation Army|Republic|Daily)\b/.test(rest) && !/\b(?:Trust|Office|Association|Union|Party|Hospital|Fund)$/.test(rest)) break;
        }
        // "… Francois I. Between 2000 and …": a sentence opener after a full stop starts a new sentence.
        if (/\.$/.test(words[j].word) && sentenceStarters.has(next.word)) break;
        if (isCapitalised(next.word)) { j++; continue; }
        // "World War I", "Henry VIII": a Roman numeral ends the name it follows.
        if (/^(?:I|V|X)$/.test(next.word.replace(/[.,;:]$/, ''))) { j++; break; }
        // "Proceedings of the National Academy of Sciences": "of the" joins like "of".
        if (/^(?:of|for|on)$/.test(next.word) && words[j + 2]?.word === 'the' && j + 3 < words.length && isCapitalised(words[j + 3].word) && !covered[words[j + 3].start] && joinableHead.test(words[j].word.replace(/[.,]$/, ''))) { j += 3; continue; }
        if (!connectors.has(next.word) || j + 2 >= words.length || !isCapitalised(words[j + 2].word)) break;
        // "and" joins two capitalised runs only inside a name built with of/for/on ("Bureau of Industry
        // and Security", "Center for Strategic and International Studies"); "Morgan Stanley and
        // Bernstein", "Kuala Lumpur and Hsinchu" are two names.
        let runEnd = j + 2;
        while (runEnd + 1 < words.length && isCapitalised(words[runEnd + 1].word)) runEnd++;
        const endsAsLaw = lawWords.test(words[runEnd]?.word.replace(/[.,;:]+$/, '') ?? '');
        const runWords = words.slice(i, j + 1).map((word) => word.word);
        const rightRun = words.slice(j + 2, runEnd + 1).map((word) => word.word.replace(/[.,;:]+$/, '')).join(' ');
        // "Fauna and Flora International", "Smart and Sustainable Automation Research Lab", "Margaritaville
        // Hotels and Resorts": a short run of plain words joined to a body's name is one name.
        const bodyWord = (word: string) => loneOrganizationWord.test(word) || /^(?:International|Worldwide)$/.test(word);
        const leftLast = runWords[runWords.length - 1].replace(/[.,]$/, '');
        const rightWords = rightRun.split(' ');
        const joinsBody = runWords.length <= 3 && rightWords.length <= 5 && !runWords.some((word) => givenNames.has(word) || knownPlaces.has(word) || adjectivalName.test(word) || /^\p{Lu}{2,}$/u.test(word)) && !knownPlaces.has(runWords.join(' '))
          && (runWords.length > 1 && bodyWord(leftLast) ? rightWords.length === 1 && bodyWord(rightWords[0]) : bodyWord(rightWords[rightWords.length - 1]));
        const joinsList = next.word === 'and' && !endsAsLaw && !joinsBody && !runWords.some((word) => /^(?:of|for|on)$/.test(word));
        // "Mark Pocan of Wisconsin": a person's name does not run on into a place.
        const personBefore = /^(?:of|for|on|and)$/.test(next.word) && runWords.length <= 5 && runWords.some((word) => givenNames.has(word.replace(/[.,]$/, ''))) && !organizationWords.test(runWords.join(' ')) && !/^(?:of|for)$/.test(runWords[1] ?? '') && !runWords.some((_, k) => knownPlaces.has(runWords.slice(0, k + 1).join(' ')) && k > 0);
        // "Luccioni of Mila", "Turkey on Wikipedia": of/for/on join only after a word that heads a body, law or place.
        const headsBody = !/^(?:of|for|on)$/.test(next.word) || joinableHead.test(runWords[runWords.length - 1].replace(/[.,]$/, ''));
        // "Rania Haddad on Monday", "the Senate on January 5": a date, not part of the name.
        const datedAfter = j + 2 < words.length && dateWord.test(words[j + 2].word);
        if (connectors.has(next.word) && !joinsList && !personBefore && headsBody && !datedAfter && j + 2 < words.length && isCapitalised(words[j + 2].word) && !covered[words[j + 2].start] && /^[ \u00a0]{1,3}$/.test(text.slice(next.end, words[j + 2].start))) { j += 2; continue; }
        break;
      }
      if (overlong) { i = j + 1; continue; }
      let first = i;
      const atSentenceStart = i === firstWordIndex;
      // Trim sentence-initial furniture ("The", "In", "However"), a common word that opens the
      // sentence ("Goats on Redonda": "goats" is written in lower case elsewhere), and dates.
      while (first <= j) {
        const word = words[first].word.replace(/[.,]$/, '');
        const previous = words[first - 1]?.word;
        const opening = first === i && (atSentenceStart || (previous !== undefined && /^[“"‘(\[—–:;]+$/.test(previous)));
        if (alwaysTrimmed.has(word) || connectors.has(word) || (first < j && genericAcronyms.has(word))) { first++; continue; }
        const keepsNew = word === 'New' && first < j && isCapitalised(words[first + 1].word);
        if (opening && !keepsNew && first < j && (/^[A-Z][a-z]{3,}ing$/.test(word) || /^(?:Added|Asked|Noted|Citing|Told|Said|Says|Meanwhile|Earlier|Later|Separately|Elsewhere|Overall|Today|Tonight)$/.test(word))) { first++; continue; }
        if (opening && !keepsNew && (sentenceStarters.has(word) || (first < j && !/^\p{Lu}+$/u.test(word) && lowercaseWords.has(word.toLowerCase()) && !knownPlaces.has(word) && !givenNames.has(word)))) { first++; continue; }
        break;
      }
      let lastWord = j;
      while (lastWord > first && (connectors.has(words[lastWord].word) || alwaysTrimmed.has(words[lastWord].word.replace(/[.,]$/, '')))) lastWord--;
      if (first <= lastWord) {
        for (const part of splitRun(words.slice(first, lastWord + 1), lowercaseWords)) {
          let partWords = part.words;
          while (partWords.length > 0 && connectors.has(partWords[partWords.length - 1].word)) partWords = partWords.slice(0, -1);
          while (partWords.length > 0 && connectors.has(partWords[0].word)) partWords = partWords.slice(1);
          if (partWords.length === 0) continue;
          const start = partWords[0].start;
          let end = partWords[partWords.length - 1].end;
          let surface = text.slice(start, end);
          const trimmed = surface.replace(/[.,;:]+$/, '');
          if (surface !== trimmed && !/\b[A-Z]\.$/.test(surface) && !/\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St)\.$/.test(surface)) { end -= surface.length - trimmed.length; surface = trimmed; }
          const nameStart = part.nameFrom ? partWords[Math.min(part.nameFrom, partWords.length - 1)].start : start;
          spans.push({ start, end, surface: stripPossessive(text.slice(nameStart, end)), atStart: atSentenceStart && partWords[0] === words[first] && first === i, titled: part.titled });
        }
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

/**
 * Whether a capitalised word stands alone somewhere in the text (neither neighbour across a single
 * space is capitalised): a later surname-only mention. Answers are cached per article.
 */
function standaloneCapitalised(text: string): { has(word: string): boolean } {
  const cache = new Map<string, boolean>();
  const letter = /[\p{L}\p{M}\d'’-]/u;
  const capitalisedAt = (index: number) => index >= 0 && index < text.length && /\p{Lu}/u.test(text[index]);
  return {
    has(word: string): boolean {
      const cached = cache.get(word);
      if (cached !== undefined) return cached;
      let found = false;
      for (let at = text.indexOf(word); at >= 0 && !found; at = text.indexOf(word, at + 1)) {
        if (at > 0 && letter.test(text[at - 1])) continue;
        let end = at + word.length;
        if (text.startsWith('’s', end) || text.startsWith("'s", end)) end += 2;
        if (end < text.length && letter.test(text[end])) continue;
        // The word before: capitalised and joined by one space?
        let before = at - 1;
        if (text[before] === ' ') {
          let k = before - 1;
          while (k >= 0 && /[\p{L}\p{M}'’.-]/u.test(text[k])) k--;
          if (k + 1 < before && capitalisedAt(k + 1)) continue;
        }
        if (text[end] === ' ' && capitalisedAt(end + 1)) continue;
        found = true;
      }
      cache.set(word, found);
      return found;
    },
  };
}

const typeRank: Record<EntityType, number> = { other: 0, product: 1, model: 1, law: 2, place: 2, organization: 2, person: 2 };

// How extractEntities reads an article, in order:
//
// 1. Abbreviations the text introduces ("Bureau of Industry and Security (BIS)") are noted.
// 2. Registry names: each match of a registry alias goes through registryMatchRules, in order; the
//    first rule with a verdict decides (skip the match, or take it as a detected name, as a model with
//    its version); a match no rule decides is a mention of its registry record.
// 3. The detector: each run of capitalised words the registry did not cover (candidateSpans) is a
//    candidate. Its titles and honorifics come off the front ("Sen. Jane Roe" → "Jane Roe"), then
//    - candidateRules, in order, read the words as written: the first rule with a verdict drops the
//      candidate or takes it as a mention of a record already found ("Mr. Liang" → Liang Wenfeng);
//    - a candidate no rule decided is named (an introduced abbreviation's long form, a law's number,
//      a product's version) and typed (typeOfName), and typeCues, in order, each retype it when the
//      context says more ("in Dedham": a place);
//    - nameRules, in order, read the name and its type: the first that applies drops the candidate;
//      one none drops is a detected record (or a mention of the record of the same name).
// 4. recordPasses, in order, resolve the records to one per real thing: merging short forms,
//    acronyms, surnames, names written two ways.
//
// A rule added to, renamed in or removed from a table needs a case in test/extract/entityRules.test.ts.

/** Which rule decided what, for one name or match (extractEntitiesWithRules). */
export interface RuleDecision {
  /** The rule's name, as in its table. */
  rule: string;
  /** The words the rule decided on, as the text writes them (for a record pass: the name of a record it removed). */
  surface: string;
  /** What became of them: the type a type cue gave, or the name of the record that took them in. */
  result?: string;
}

/** A registry alias found in the text. */
interface RegistryMatch { entry: RegistryEntry; alias: string; start: number; end: number }

/** What registryMatchRules read besides the match. */
interface RegistryScan {
  text: string;
  /** Characters already part of a mention. */
  covered: Uint8Array;
  /** Whether another registry alias starts at `offset` or one character after it. */
  registryNameAt: (offset: number) => boolean;
}

/** A registry rule's verdict: skip the match, take its words (to `end`) as a detected name, or (null) leave it to the next rule. */
type RegistryVerdict = 'skip' | { name: string; type: EntityType; end: number } | null;

interface RegistryMatchRule { name: string; decide: (match: RegistryMatch, scan: RegistryScan) => RegistryVerdict }

// Rules on a registry alias found in the text, in order: the first verdict decides; a match no
// rule decides is a mention of the alias's registry record.
export const registryMatchRules: readonly RegistryMatchRule[] = [
  // Meta said Llama V3 would ship in May. ("V3", an alias of DeepSeek-V3, is part of the model "Llama V3"
  // taken with its version): a match inside a mention already taken is none of its own.
  { name: 'inside a name already taken', decide: ({ start }, { covered }) => (covered[start] ? 'skip' : null) },
  // The city sold the contract for Trump Golf Links Ferry Point last year. ("the Musk Foundation"): a
  // surname the registry knows, opening a longer name, is part of it.
  {
    name: 'surname opening a longer name',
    decide: ({ entry, alias, end }, { text }) => (entry.type === 'person' && !alias.includes(' ') && /^ \p{Lu}[\p{Ll}]+\s+\p{Lu}/u.test(text.slice(end, end + 40)) && !/^ (?:Administration|Jr|Sr)\b/.test(text.slice(end, end + 20)) ? 'skip' : null),
  },
  // She studied at the University of South Carolina before moving on. ("Southern California Edison"):
  // a place closing a longer name is part of it; the detector takes the whole name.
  {
    name: 'place closing a longer name',
    decide: ({ entry, start }, { text }) => (entry.type === 'place' && (/\b(?:Southern|Northern|Eastern|Western|Central|Upper|Lower|Greater|Coastal|Downstate|Upstate|Inland)\s$/.test(text.slice(Math.max(0, start - 12), start)) || /\b\p{Lu}[\p{L}]+\s+(?:of|on|for)\s+(?:the\s+)?$/u.test(text.slice(Math.max(0, start - 40), start))) ? 'skip' : null),
  },
  // The House Select Committee on China published its report. ("the White House Office of Science"): a
  // body's short name opening a longer body's name is part of it.
  {
    name: "body's short name opening a longer body's name",
    decide: ({ entry, alias, end }, { text }) => (entry.type === 'organization' && !alias.includes(' ') && /^ (?:[A-Z][\w'’.&-]*\s){0,2}?(?:Committee|Subcommittee|Caucus|Office|Council|Commission|Bureau|Agency|Department|Division|Task Force)\b/.test(text.slice(end, end + 60)) ? 'skip' : null),
  },
  // The New York Times reported the deal on Monday. ("the Puerto Rico Police Department"): a place that
  // opens an organisation's name is part of it (unless another registry name follows right after it).
  { name: "place opening a body's name", decide: ({ entry, end }, { text, registryNameAt }) => (entry.type === 'place' && placeOpensBody.test(text.slice(end, end + 80)) && !registryNameAt(end) ? 'skip' : null) },
  // Google released Gemini 2.5 Pro to developers. ("Claude Opus 4", "Llama 4 Maverick"): a model family
  // with its version is a model of its own; the family stays its alias.
  {
    name: 'model with its version',
    decide: ({ entry, start, end }, { text }) => {
      const version = entry.type === 'model' ? modelVersionTail.exec(text.slice(end, end + 40)) : null;
      return version ? { name: `${text.slice(start, end).replace(/['’]s$/, '')}${version[0]}`, type: 'model', end: end + version[0].length } : null;
    },
  },
];

/** What the candidate rules, type cues and name rules read of the article besides the candidate. */
interface ArticleState {
  text: string;
  /** Abbreviations the text introduces, with their long forms: "BIS" → "Bureau of Industry and Security". */
  introduced: Map<string, string>;
  /** Every word the text writes in lower case. */
  lowercaseWords: Set<string>;
  /** Names written capitalised somewhere other than at a sentence's start. */
  capitalisedElsewhere: Set<string>;
  /** Capitalised words that stand alone somewhere (a later surname-only mention). */
  alone: { has(word: string): boolean };
  /** Names some mention of which stands where a firm does ("analysts at Morgan Stanley"). */
  organizationContext: Set<string>;
  /** People and organisations detected so far, in order. */
  people: FoundEntity[];
  organizations: FoundEntity[];
  /** People the registry matched. */
  registryPeople: FoundEntity[];
}

/** A run of capitalised words the detector found, with its titles taken off the front. */
interface Candidate {
  span: Span;
  /** The words that would name the record: in title case when the text shouts them, titles and honorifics off the front. */
  surface: string;
  /** The title or honorific taken off the front ("Sen. "), if any. */
  honorific: RegExpMatchArray | null;
  /** The title was an office and what follows it is its portfolio ("Minister of Industry"). */
  officeOf: boolean;
  /** One word. */
  single: boolean;
  /** A courtesy or office title stands before the name ("Mr. Liang", "Police Commissioner Christine Elow"). */
  titled: boolean;
  /** The mention the text makes: what it writes, with its titles and possessive ("Sen. Jane Roe", "Nvidia's"). */
  mention: EntityMention;
  /** The text just before and just after the words. */
  before: string;
  after: string;
}

/** A candidate with its name and type read. */
interface NamedCandidate extends Candidate {
  /** The long form of an abbreviation the text introduced ("BIS" → "Bureau of Industry and Security"). */
  longForm: string | undefined;
  /** The record's name: the surface, or its long form, with a law's number or a product's version. */
  name: string;
  tokens: string[];
  type: EntityType;
}

// Words the candidate rules and name rules look up, from the lists in ./words.ts.
const commonNameOpeners = new Set<string>(COMMON_NAME_OPENERS);
const timeWords = new Set(['AM', 'PM', 'GMT', 'UTC', 'EST', 'EDT', 'PST', 'PDT', 'CET']);
const peopleGroupNouns = new Set<string>(PEOPLE_GROUP_NOUNS);
const titleOnlyWords = new Set<string>(TITLE_ONLY_WORDS);
const placeAbbreviations = new Set<string>(PLACE_ABBREVIATIONS);
const headingFunctionWords = new Set<string>(HEADING_FUNCTION_WORDS);
const headingOpeners = new Set<string>(HEADING_OPENERS);
const jobTitleOpener = new RegExp(String.raw`^(?:${alternation(JOB_TITLE_OPENERS)})\b`);

/** A candidate rule's verdict: drop the candidate, take it as a mention of the record `name`, or (null) leave it to the next rule. */
type CandidateVerdict = 'drop' | { name: string; type: EntityType; origin: 'registry' | 'detected' } | null;

interface CandidateRule { name: string; decide: (candidate: Candidate, article: ArticleState) => CandidateVerdict }

// Rules on a candidate's words as written, in order: the first verdict decides.
export const candidateRules: readonly CandidateRule[] = [
  // Yesterday I met the new mayor.: a single letter ("I"), or nothing left once the title is off, is no name.
  { name: 'nothing left after the title', decide: ({ surface }) => (!surface || surface.length < 2 ? 'drop' : null) },
  // The Minister of Finance said the budget would wait.: an office and its portfolio, with no holder named.
  { name: 'office without a holder', decide: ({ officeOf, single }) => (officeOf && single ? 'drop' : null) },
  // Robert De Niro arrived late. De Niro said the film was finished.: a person's name without its given name.
  {
    name: 'family name of a person named before',
    decide: ({ surface, single, titled }, { people }) => {
      if (single || surface.split(' ').length > 3 || titled) return null;
      const person = people.find((candidate) => candidate.name.endsWith(` ${surface}`) && candidate.name.split(' ').length > surface.split(' ').length);
      return person ? { name: person.name, type: 'person', origin: 'detected' } : null;
    },
  },
  // Tomasz Wren joined Kestrel Research in 2019. Wren said the job was hard.: a surname alone after the
  // full name (or, with a title, any word of it: "Mr. Liang" for Liang Wenfeng); or the first word of
  // one person's name ("Meghan" for Meghan Markle) when no one else in the article shares it.
  {
    name: 'surname or first name of a person named before',
    decide: ({ surface, single, titled }, { people }) => {
      if (!single) return null;
      const firstNamed = people.filter((candidate) => candidate.name.includes(' ') && candidate.name.split(' ')[0] === surface);
      const person = people.find((candidate) => candidate.name.split(' ').pop() === surface)
        ?? (titled ? people.find((candidate) => candidate.name.split(' ').includes(surface)) : undefined)
        ?? (firstNamed.length === 1 && !knownPlaces.has(surface) ? firstNamed[0] : undefined);
      return person ? { name: person.name, type: 'person', origin: 'detected' } : null;
    },
  },
  // Elizabeth Warren wrote to the agency. Warren said it had failed.: the surname of a person the registry
  // matched in the article.
  {
    name: 'surname of a registry person',
    decide: ({ surface, single, titled }, { registryPeople }) => {
      if (!single) return null;
      const known = registryPeople.find((entity) => (titled ? entity.name.split(' ').includes(surface) : entity.name.split(' ').pop() === surface));
      return known ? { name: known.name, type: 'person', origin: 'registry' } : null;
    },
  },
  // Vantor Labs raised $40 million. Vantor said it would hire.: a firm's first word alone, after its full name.
  {
    name: 'first word of a firm named before',
    decide: ({ surface, single, after }, { organizations }) => {
      if (!single) return null;
      const organization = organizations.find((candidate) => candidate.name.split(' ')[0] === surface && !commonNameOpeners.has(surface));
      return organization && !knownPlaces.has(surface) && !/^\s?\d/.test(after) ? { name: organization.name, type: 'organization', origin: 'detected' } : null;
    },
  },
  // Goats roam the island at night.: a word capitalised only because it opens a sentence.
  {
    name: 'capitalised only to open a sentence',
    decide: ({ surface, single, titled, span }, { capitalisedElsewhere, introduced }) => (single && span.atStart && !capitalisedElsewhere.has(surface) && !introduced.has(surface) && !titled && !knownPlaces.has(surface) && !(modelPattern.test(surface) && /\d/.test(surface)) ? 'drop' : null),
  },
  // The launch begins at 10 a.m. PDT on Friday.: a number, a time of day or a time zone.
  { name: 'number or time zone', decide: ({ surface }) => (/^\d/.test(surface) || timeWords.has(surface) ? 'drop' : null) },
  // The firm's new GPU sold out.: an acronym of a common noun or a unit, or a company suffix alone.
  { name: 'common acronym or company suffix', decide: ({ surface, single }) => (single && (genericAcronyms.has(surface) || /^(?:Inc|Corp|Co|Ltd|LLC|PLC)\.?$/.test(surface)) ? 'drop' : null) },
  // She thanked the Services for their help.: an organisation's, a law's or a place's word alone names nothing.
  { name: 'lone organisation, law or place word', decide: ({ surface, single }, { introduced }) => (single && !introduced.has(surface) && (loneOrganizationWord.test(surface) || lawWords.test(surface) || placeWords.test(surface)) ? 'drop' : null) },
];

interface TypeCue { name: string; retype: (candidate: NamedCandidate, article: ArticleState) => EntityType | null }

/** A single name the prose marks as a proper noun: not opening a sentence, not an adjective, never written in lower case. */
const properNounAlone = ({ type, single, span, surface }: NamedCandidate, { lowercaseWords }: ArticleState) => type === 'other' && single && !span.atStart && !adjectivalName.test(surface) && !lowercaseWords.has(surface.toLowerCase());

// Cues that retype a named candidate from its context, in order: each applies to the type the cues
// before it left.
export const typeCues: readonly TypeCue[] = [
  // The plant in Hollisford, Mass., will close.: a single name before its state is a town.
  {
    name: 'town before its state',
    retype: (candidate, article) => (properNounAlone(candidate, article) && (/^,\s+(?:[A-Z][a-z]{1,4}\.|[A-Z]{2}\b|(?:New |North |South |West |Rhode )?[A-Z][a-z]+)/.test(candidate.after) && knownPlaces.has((/^,\s+((?:New |North |South |West |Rhode )?[A-Z][a-z]+)/.exec(candidate.after) ?? [])[1] ?? '') || /^,\s+(?:Calif|Mass|Va|Nev|Fla|Ga|Tex|Ill|Mich|Wis|Minn|Penn|Pa|Md|Conn|Ore|Wash|Ariz|Colo|Ky|Tenn|La|Ala|Miss|Mo|Okla|Kan|Neb|Ia|Ind|Ohio|N\.[YJCDMH]|S\.[CD]|W\.Va)\.?/.test(candidate.after)) ? 'place' : null),
  },
  // The family moved to Hollisford last year.: a single name after "in", "from", "near", "to", "at" is a
  // place (not an acronym: "at MIT" is a body).
  {
    name: 'single name after in or from',
    retype: (candidate, article) => (properNounAlone(candidate, article) && /\b(?:in|from|near|outside|to|at)\s+$/.test(candidate.before) && !/^\s*(?:['’]s|\d|of\b)/.test(candidate.after) && !/(?:ogy|ics|ism|ance|ence|ment|tion|sion|ity|ness|ship)$/.test(candidate.surface) && !/^[A-Z]{2,6}$/.test(candidate.surface) ? 'place' : null),
  },
  // Visitors queued outside the Brackwater all day. The Brackwater said it would stay open late.: "the"
  // and a single name that acts or owns ("the Louvre said") is an organisation.
  {
    name: 'the single name that acts',
    retype: (candidate, article) => (properNounAlone(candidate, article) && /\b[Tt]he\s+$/.test(candidate.before) && article.alone.has(candidate.surface) && /^(?:['’]s\b|[,.;:)]|\s+(?:said|says|has|had|is|was|will|would|and|in|on|at|to|for)\b)/.test(candidate.after) && !/^[A-Z]{1,4}$/.test(candidate.surface) ? 'organization' : null),
  },
  // The audit was done by NWRC last year.: an acronym no one spelled out is an organisation's.
  { name: 'acronym', retype: ({ type, single, surface, longForm }) => (type === 'other' && single && /^[A-Z]{2,6}$/.test(surface) && !longForm && !genericAcronyms.has(surface) ? 'organization' : null) },
  // She posted the video on VidTube yesterday.: a capital inside one word marks a brand ("YouTube", "FiveThirtyEight").
  { name: 'capital inside one word', retype: ({ type, single, surface }) => (type === 'other' && single && /^[A-Z][a-z]+[A-Z][A-Za-z]*$/.test(surface) ? 'organization' : null) },
  // Sen. Okonkwo said the bill would pass.: a courtesy or office title marks a person even by surname alone.
  { name: 'surname after a title', retype: ({ type, single, titled, surface }) => (type === 'other' && single && titled && /^[A-Z][a-zà-ÿ'’-]+$/.test(surface) ? 'person' : null) },
  // Analysts at Harlan Brooks expect growth.: a name some mention of which stands where a firm does
  // ("analysts at Morgan Stanley", "Goldman Sachs analysts") is a firm's, even when it starts with a given name.
  {
    name: 'firm by its context',
    retype: ({ type, titled, span, after }, { organizationContext }) => ((type === 'person' || type === 'other') && !titled && organizationContext.has(span.surface) && !/^\s*,\s*(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:at|of|with|for)\b/.test(after) ? 'organization' : null),
  },
  // The protest in Port Ellery drew crowds.: a name after "in" or "from" ("officials in Kuala Lumpur"),
  // or after "based in" ("a startup based in Hsinchu"), is a place when nothing says otherwise.
  { name: 'place after in or based in', retype: ({ type, single, before, after }) => (type === 'other' && !/^\.?\s*\d/.test(after) && (/\b(?:in|from|near|outside|across)\s+$/.test(before) && !single || /\b(?:based|headquartered|located) in\s+$/.test(before)) ? 'place' : null) },
];

interface NameRule { name: string; drops: (candidate: NamedCandidate, article: ArticleState) => boolean }

// Rules on a candidate's name and type, in order: the first that applies drops the candidate.
export const nameRules: readonly NameRule[] = [
  // The committee praised Greyling and its staff.: a lone capitalised word with no cue is not worth a record.
  { name: 'lone word with no cue', drops: ({ single, type }) => single && type === 'other' },
  // South Korean officials met on Tuesday.: adjectives of nationality, party or creed ("African
  // Americans", "Presumptive Democratic"). A person's surname may end like an adjective ("Natarajan",
  // "Harris"); a plural or a party word does not.
  {
    name: 'nationality, party or creed',
    drops: ({ tokens, type, titled, name }) => {
      const last = tokens[tokens.length - 1];
      const adjectival = adjectivalName.test(last) && (type === 'other' || type === 'place' || (type === 'person' && !givenNames.has(tokens[0]) && (/(?:ans|ese|ish|Democrats|Republicans|Tories|Conservatives|Liberals)$/.test(last) || tokens.slice(0, -1).every((token) => /^(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|New)$/.test(token)))));
      return !titled && adjectival && !knownPlaces.has(name);
    },
  },
  // The letter was signed by Indigenous Peoples of the region.: a group of people ("Gaza Residents"),
  // unless an organisation's name.
  { name: 'group of people', drops: ({ tokens, type }) => peopleGroupNouns.has(tokens[tokens.length - 1]) && type !== 'organization' },
  // The story ran on Page A8 of the print edition.: a page reference; titles and offices alone ("Acting
  // Premier", "Software Engineer", "the Rt. Hon.").
  { name: 'title alone or page reference', drops: ({ tokens, name }) => tokens.every((token) => titleWords.has(token) || weakTitleWords.has(token) || titleOnlyWords.has(token)) || /^Page [A-Z]?\d+$/.test(name) },
  // The offer came from Оpen Sесurity Labs last week. (with Cyrillic "О", "е", "с"): homoglyph spam,
  // Latin and Cyrillic or Greek letters mixed in one name.
  { name: 'letters of two scripts', drops: ({ name }) => /\p{Script=Latin}/u.test(name) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(name) },
  // Most of it now lives on the Internet, she said.: a capitalised word that names no one in particular.
  { name: 'common noun', drops: ({ single, surface }) => single && commonNouns.has(surface) },
  // Chinese AI labs are catching up.: a nationality or place with a common acronym ("US AI") is no name.
  { name: 'nationality with a common acronym', drops: ({ single, type, name, tokens }) => !single && type !== 'person' && !knownPlaces.has(name) && tokens.every((token) => adjectivalName.test(token) || knownPlaces.has(token) || genericAcronyms.has(token) || placeAbbreviations.has(token)) },
  // Her essay Do Parties Or Voters Choose drew replies.: in Title Case text ("Democracy Is Coming",
  // "Should Nostrand Houses") function words in capitals mark a heading or a title, not a name.
  { name: 'words of a heading or title', drops: ({ type, tokens }) => type === 'other' && tokens.length > 1 && (tokens.slice(1).some((token, k) => headingFunctionWords.has(token) || (/^(?:A|An)$/.test(token) && k < tokens.length - 2)) || headingOpeners.has(tokens[0])) },
  // The band played “Silver Harbour Nights” twice.: titles of works and slogans stand in quotation marks
  // (“Don’t Buy Books by Crooks”).
  { name: 'title of a work in quotation marks', drops: ({ type, span }, { text }) => type === 'other' && insideShortQuote(text, span.start, span.end) },
  // She won 58% of the vote in Tuesday’s election.: a name that ends in a weekday, a month or page
  // furniture, or a month's abbreviation ("Nov."), is none.
  { name: 'date or page furniture', drops: ({ tokens, name }) => alwaysTrimmed.has(tokens[tokens.length - 1]) || monthAbbreviation.test(name) },
  // Kegel was named Chief Digital Officer last year.: a job title ("Senior Vice President"), not a name.
  { name: 'job title', drops: ({ name, type }) => jobTitleOpener.test(name) && type !== 'organization' },
];

/**
 * A candidate's words, with titles and honorifics taken off the front. Its name and type are left for
 * nameCandidate to fill in (the object has all its fields from the start: one shape, for speed).
 */
function readCandidate(span: Span, text: string, sentences: Sentence[]): NamedCandidate {
  let surface = span.surface;
  // Datelines and headlines in capitals ("NEW YORK —", "BEIJING (Reuters)"): the name in title case.
  if (/^[\p{Lu}][\p{Lu}\s.'’&-]+$/u.test(surface) && /\p{Lu}{3}/u.test(surface)) {
    const titled = surface.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, lead: string, letter: string) => lead + letter.toUpperCase());
    if (surface.includes(' ') || knownPlaces.has(titled)) surface = titled;
  }
  // "Senator the Hon. Aubyn Hill", "Minister of Industry": titles, "the" and connectors come off the front.
  let honorific: RegExpMatchArray | null = null;
  // "Minister of Industry": what follows the office is its portfolio, not a person.
  let officeOf = false;
  for (let guard = 0; guard < 4; guard++) {
    const title = surface.match(honorifics);
    if (title) { honorific ??= title; surface = surface.slice(title[0].length); continue; }
    const lead = /^(?:the|of|for|and)\s+/.exec(surface);
    if (lead && honorific) { surface = surface.slice(lead[0].length); if (lead[0].trim() !== 'the') officeOf = true; continue; }
    break;
  }
  // The mention covers what the text says ("Sen. Jane Roe", "Nvidia's"); the record is the name.
  const mention = { surface: text.slice(span.start, span.end), start: span.start, end: span.end, sentence: sentenceAt(sentences, span.start)?.text ?? '' };
  return {
    span, surface, honorific, officeOf, mention,
    single: !surface.includes(' '),
    titled: (!!honorific && !officeOf) || !!span.titled,
    before: text.slice(Math.max(0, span.start - 40), span.start),
    after: text.slice(span.end, span.end + 60),
    longForm: undefined, name: '', tokens: [], type: 'other',
  };
}

/** Names and types a candidate no candidate rule decided (a law's number or a product's version lengthens its mention). */
function nameCandidate(candidate: NamedCandidate, { text, introduced, alone }: ArticleState): NamedCandidate {
  const { surface, honorific, titled, mention, before, after } = candidate;
  const longForm = introduced.get(surface);
  let name = longForm ?? surface;
  // "New Hampshire Democratic": a place with a party or nationality adjective after it.
  const words = name.split(' ');
  if (words.length > 1 && adjectivalName.test(words[words.length - 1]) && knownPlaces.has(words.slice(0, -1).join(' '))) name = words.slice(0, -1).join(' ');
  // "Communications Decency Act of 1996", "Senate Bill 10", "Proposition 4": the year or number is part of the law's name.
  const numberTail = /^(?: of (?:19|20)\d{2}| \d{1,4}(?:\.\d{1,4})*[A-Z]?)\b/.exec(after);
  const lawTail = numberTail && (lawWords.test(name) || /\b(?:Bill|Proposition|Prop\.|Measure|Resolution|Amendment|Article|Section|Title|Executive Order|Order)$/.test(name)) ? numberTail : null;
  // "iOS 13", "iPhone 11": a brand's version number is part of the product's name.
  const versionTail = !lawTail && /^[ie][A-Z]/.test(name) ? /^ (?:\d{1,3}(?:\.\d+)?|X[SR]?|SE)\b/.exec(after) : null;
  const tail = lawTail ?? versionTail;
  if (tail) {
    name = `${name}${tail[0]}`;
    mention.end += tail[0].length;
    mention.surface = text.slice(mention.start, mention.end);
  }
  const tokens = name.split(' ');
  const surnameReused = tokens.length >= 2 && tokens.length <= 3 && alone.has(tokens[tokens.length - 1]) && !organizationWords.test(name) && !knownPlaces.has(tokens[tokens.length - 1]);
  candidate.type = lawTail ? 'law' : versionTail || /^[ie][A-Z]/.test(name) ? 'product' : typeOfName(name, { before: honorific ? honorific[0] : before, after, titled, surnameReused });
  candidate.longForm = longForm;
  candidate.name = name;
  candidate.tokens = tokens;
  return candidate;
}

interface RecordPass { name: string; run: (byName: Map<string, FoundEntity>, article: { text: string; introduced: Map<string, string>; lowercaseWords: Set<string> }) => void }

const personsIn = (byName: Map<string, FoundEntity>) => [...byName.values()].filter((entity) => entity.type === 'person');

// Passes over all records once the names are found, in order: each merges, renames or drops records.
export const recordPasses: readonly RecordPass[] = [
  // She studied at Imperial College London for a year.: a registry name inside a detected one ("London")
  // is part of it.
  {
    name: 'registry name inside a detected name',
    run: (byName) => {
      const detectedSpans = [...byName.values()].filter((entity) => entity.origin === 'detected').flatMap((entity) => entity.mentions);
      for (const entity of [...byName.values()]) {
        if (entity.origin !== 'registry') continue;
        entity.mentions = entity.mentions.filter((mention) => !detectedSpans.some((outer) => outer.start <= mention.start && outer.end >= mention.end && outer.end - outer.start > mention.end - mention.start));
        if (entity.mentions.length === 0) byName.delete(entity.name);
      }
    },
  },
  // The Kenya Lawyers Association (KLA) filed the suit. KLA said it would appeal.: a short form introduced
  // in the text resolves to its long form's record (here not to KLA, the chip-equipment maker the registry knows).
  {
    name: 'introduced abbreviation',
    run: (byName, { introduced }) => {
      for (const [short, long] of introduced) {
        const target = byName.get(long) ?? [...byName.values()].filter((entity) => entity.name.includes(' ') && long.endsWith(entity.name)).sort((a, b) => b.name.length - a.name.length)[0];
        const shortRecord = byName.get(short);
        if (target && shortRecord && shortRecord !== target) {
          mergeInto(target, shortRecord, byName);
        } else if (target && !target.aliases.includes(short)) {
          target.aliases.push(short);
        }
      }
    },
  },
  // She teaches at the University of California, Berkeley, and lives nearby.: a campus after a comma is
  // part of the university's name.
  {
    name: 'university and its campus',
    run: (byName, { text }) => {
      for (const entity of [...byName.values()]) {
        if (entity.type !== 'organization' || !/^(?:University|College|Institute)\b/.test(entity.name)) continue;
        for (const mention of entity.mentions) {
          const campus = /^,\s+(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+)?)/u.exec(text.slice(mention.end, mention.end + 40));
          const place = campus && byName.get(campus[1]);
          if (!campus || !place || place.type !== 'place' || !knownPlaces.has(campus[1])) continue;
          const fullName = `${entity.name}, ${campus[1]}`;
          place.mentions = place.mentions.filter((other) => other.start !== mention.end + campus[0].length - campus[1].length);
          if (place.mentions.length === 0) byName.delete(place.name);
          byName.delete(entity.name);
          const renamed = byName.get(fullName);
          if (renamed) { renamed.mentions.push(...entity.mentions); break; }
          entity.aliases.push(entity.name);
          entity.name = fullName;
          byName.set(fullName, entity);
          break;
        }
      }
    },
  },
  // The Harbour Safety Commission met on Monday. Later, HSC officials said the port would reopen.: an
  // acronym of a longer name's initials, alone or after its first words ("California ISO" for California
  // Independent System Operator, "COI" for Commission of Inquiry).
  {
    name: 'acronym of a longer name',
    run: (byName) => {
      const initialsOf = (words: string[]) => words.filter((word) => /^\p{Lu}/u.test(word)).map((word) => word[0]).join('');
      // "COI" for "Commission of Inquiry": the connectors' initials count too.
      const allInitialsOf = (words: string[]) => words.filter((word) => word !== '&').map((word) => word[0].toUpperCase()).join('');
      const withoutPlace = (words: string[]) => {
        for (let k = Math.min(3, words.length - 1); k >= 1; k--) if (knownPlaces.has(words.slice(0, k).join(' '))) return words.slice(k);
        return null;
      };
      for (const entity of [...byName.values()]) {
        if (entity.origin === 'registry' || byName.get(entity.name) !== entity) continue;
        const acronym = /^(?:(.+) )?([A-Z]{2,6})$/.exec(entity.name);
        if (!acronym) continue;
        const prefix = acronym[1] ? `${acronym[1]} ` : '';
        const longer = [...byName.values()].find((other) => {
          if (other === entity || !['organization', 'other', 'place'].includes(other.type) || !other.name.startsWith(prefix)) return false;
          const words = other.name.slice(prefix.length).split(' ');
          if (words.length < 2) return false;
          const rest = prefix ? null : withoutPlace(words);
          return initialsOf(words) === acronym[2] || allInitialsOf(words) === acronym[2] || (!!rest && rest.length >= 2 && initialsOf(rest) === acronym[2]);
        });
        if (longer) mergeInto(longer, entity, byName);
      }
    },
  },
  // Members of the Congressional Progressive Caucus met on Monday. The Progressive Caucus said it would
  // vote no.: a shorter form of a firm's or body's name, two words or more, is the same body.
  {
    name: "shorter form of a body's name",
    run: (byName) => {
      const bodies = [...byName.values()].filter((entity) => entity.type === 'organization');
      for (const entity of [...byName.values()]) {
        if (entity.origin === 'registry' || (entity.type !== 'organization' && entity.type !== 'other' && !(entity.type === 'place' && !knownPlaces.has(entity.name))) || !entity.name.includes(' ')) continue;
        const longer = bodies.find((body) => body !== entity && (body.name.endsWith(` ${entity.name}`) || body.name.startsWith(`${entity.name} `) || (entity.type === 'organization' && body.name.includes(` ${entity.name} `))));
        if (longer && byName.get(entity.name) === entity) mergeInto(longer, entity, byName);
      }
    },
  },
  // Investors backed Determined.ai last year. Employees at Determined AI said little.: one name written two ways.
  {
    name: 'one name written two ways',
    run: (byName) => {
      const squeezed = new Map<string, FoundEntity>();
      for (const entity of [...byName.values()]) {
        const key = entity.name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
        const same = squeezed.get(key);
        if (same && same !== entity && byName.get(same.name) === same) {
          const [keep, drop] = same.origin === 'registry' || same.name.length >= entity.name.length ? [same, entity] : [entity, same];
          mergeInto(keep, drop, byName);
          squeezed.set(key, keep);
        } else squeezed.set(key, entity);
      }
    },
  },
  // Harold J. Finch spoke first. Later, Harold Finch said he was done.: the same first and last name.
  {
    name: 'middle initial',
    run: (byName) => {
      const persons = personsIn(byName);
      const bare = (name: string) => name.split(' ').filter((token) => !/^[A-Z]\.$/.test(token)).join(' ');
      for (const entity of persons) {
        if (byName.get(entity.name) !== entity) continue;
        const fuller = persons.find((other) => other !== entity && byName.get(other.name) === other && other.name.length > entity.name.length && bare(other.name) === bare(entity.name));
        if (fuller) mergeInto(fuller, entity, byName);
      }
    },
  },
  // Fans cheered The Reckoning Crew on Friday. Tickets for Reckoning Crew sold out.: one name, with and
  // without its article.
  {
    name: 'with and without "The"',
    run: (byName) => {
      for (const entity of [...byName.values()]) {
        if (!entity.name.startsWith('The ') || byName.get(entity.name) !== entity) continue;
        const without = byName.get(entity.name.slice(4));
        if (without && without.origin !== 'registry') mergeInto(entity, without, byName);
      }
    },
  },
  // Geoffrey Skelley wrote the piece. Geoff Skelley said the data were clear.: a short form of the same
  // given name (its first three letters or more: "Gerry Ford" for Gerald Ford, "Geoff" alone) is the
  // same person, when only one person fits.
  {
    name: 'short form of a given name',
    run: (byName) => {
      const persons = personsIn(byName);
      for (const entity of persons) {
        if (entity.origin === 'registry' || byName.get(entity.name) !== entity) continue;
        const tokens = entity.name.split(' ');
        if (tokens.length > 2 || tokens[0].length < 3) continue;
        const fits = persons.filter((other) => {
          if (other === entity || byName.get(other.name) !== other || other.name.length <= entity.name.length) return false;
          const otherTokens = other.name.split(' ');
          const sameFamily = tokens.length === 1 ? otherTokens.length >= 2 : otherTokens[otherTokens.length - 1] === tokens[tokens.length - 1];
          return sameFamily && otherTokens[0] !== tokens[0] && otherTokens[0].startsWith(tokens[0].slice(0, 3)) && (tokens.length === 2 || otherTokens[0].startsWith(tokens[0]));
        });
        if (fits.length === 1) mergeInto(fits[0], entity, byName);
      }
    },
  },
  // Maria Elena Duarte spoke first. Later, Maria Elena said she was done.: a person's name that begins
  // a longer person's name is that person.
  {
    name: 'beginning of a longer name',
    run: (byName) => {
      const persons = personsIn(byName);
      for (const entity of persons) {
        if (entity.origin === 'registry' || !entity.name.includes(' ') || byName.get(entity.name) !== entity) continue;
        const longer = persons.find((other) => other !== entity && byName.get(other.name) === other && other.name.startsWith(`${entity.name} `));
        if (longer) mergeInto(longer, entity, byName);
      }
    },
  },
  // The clinic opened its Patient Care wing, and patient care improved.: title-cased ordinary words (a
  // heading echoed in the prose) are no name when the text uses every one of those words in lower case
  // too and names it at most twice in prose.
  {
    name: 'ordinary words in title case',
    run: (byName, { text, lowercaseWords }) => {
      for (const entity of [...byName.values()]) {
        if (entity.origin !== 'detected' || entity.type !== 'other' || entity.mentions.filter((mention) => inProse(text, mention.start)).length > 2) continue;
        const words = entity.name.split(' ').filter((word) => !connectors.has(word));
        if (words.length >= 2 && words.every((word) => lowercaseWords.has(word.toLowerCase()))) byName.delete(entity.name);
      }
    },
  },
];

export function extractEntities(text: string, sentences: Sentence[], registry: RegistryEntry[] = loadBuiltInRegistry()): FoundEntity[] {
  return detectEntities(text, sentences, registry, null);
}

/** The entities, with the rule that decided each name or match a rule decided (for tests and debugging). */
export function extractEntitiesWithRules(text: string, sentences: Sentence[], registry: RegistryEntry[] = loadBuiltInRegistry()): { entities: FoundEntity[]; decisions: RuleDecision[] } {
  const decisions: RuleDecision[] = [];
  return { entities: detectEntities(text, sentences, registry, decisions), decisions };
}

function detectEntities(text: string, sentences: Sentence[], registry: RegistryEntry[], decisions: RuleDecision[] | null): FoundEntity[] {
  // One record per name: a name typed two ways in one article keeps its strongest type.
  const byName = new Map<string, FoundEntity>();
  const covered = new Uint8Array(text.length + 1);
  const add = (rawName: string, type: EntityType, origin: 'registry' | 'detected', mention: EntityMention) => {
    const name = rawName.replace(/\s+/g, ' ');
    let entity = byName.get(name);
    if (!entity) {
      entity = { id: '', name, type, aliases: [], origin, mentions: [] };
      byName.set(name, entity);
    } else if (entity.origin !== 'registry' && (origin === 'registry' || typeRank[type] > typeRank[entity.type])) {
      entity.type = type;
      entity.origin = origin;
    }
    const alias = stripPossessive(mention.surface).replace(/\s+/g, ' ');
    if (alias !== name && !entity.aliases.includes(alias)) entity.aliases.push(alias);
    entity.mentions.push(mention);
    for (let k = mention.start; k < mention.end; k++) covered[k] = 1;
    return entity;
  };

  // 1. Abbreviations introduced in the text: "Bureau of Industry and Security (BIS)".
  const introduced = new Map<string, string>();
  // Each "(ABC)" is found first and its long form read from a bounded stretch before it, so that a
  // page-long run of capitals cannot make the search quadratic.
  for (const bracket of text.matchAll(/\s\(([A-Z][A-Za-z&]{1,9})\)/g)) {
    const windowStart = Math.max(0, bracket.index! - 160);
    const found = /((?:[A-Z][\w'’&-]*\s+(?:(?:of|for|and|the|on|&)\s+|[A-Z][\w'’&-]*\s+)*)?[A-Z][\w'’&-]*)$/.exec(text.slice(windowStart, bracket.index!));
    if (!found) continue;
    const match = [found[0], found[1], bracket[1]];
    const long = match[1].replace(/^(The|A|An|In|On|At|By|From|With)\s+/, '');
    const initials = long.split(/\s+/).filter((word) => /^[A-Z]/.test(word)).map((word) => word[0]).join('');
    const short = match[2];
    // ("AUSTIN (KXAN)": a dateline and the station, not a name and its abbreviation.)
    if (initials.replace(/[^A-Z]/g, '').startsWith(short.replace(/[^A-Z]/g, '').slice(0, 2)) || (short.length >= 2 && initials[0] === short[0])) introduced.set(short, long);
  }

  // 2. Registry matches.
  const { regex, byAlias } = compileRegistry(registry);
  const registryPattern = new RegExp(regex.source, 'g');
  const scan: RegistryScan = {
    text,
    covered,
    registryNameAt: (offset) => {
      registryPattern.lastIndex = offset;
      const following = registryPattern.exec(text);
      return !!following && following.index <= offset + 1;
    },
  };
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  registryMatches: while ((match = regex.exec(text))) {
    const alias = match[1].replace(/[ \u00a0]+/g, ' ');
    const entry = byAlias.get(alias);
    if (!entry) continue;
    const start = match.index;
    const end = start + match[0].length;
    const found: RegistryMatch = { entry, alias, start, end };
    let verdict: RegistryVerdict = null;
    for (const rule of registryMatchRules) {
      verdict = rule.decide(found, scan);
      if (!verdict) continue;
      decisions?.push({ rule: rule.name, surface: match[0], ...(verdict === 'skip' ? {} : { result: verdict.name }) });
      if (verdict === 'skip') continue registryMatches;
      break;
    }
    const sentence = sentenceAt(sentences, start)?.text ?? '';
    if (verdict) add(verdict.name, verdict.type, 'detected', { surface: text.slice(start, verdict.end), start, end: verdict.end, sentence });
    else add(entry.name, entry.type, 'registry', { surface: match[0], start, end, sentence });
  }

  // 3. General detector for everything else.
  const lowercaseWords = new Set(text.match(/(?<![\p{L}])[a-z][a-z'-]+/gu) ?? []);
  const spans = candidateSpans(text, sentences, covered, lowercaseWords);
  const contextOf = (span: Span) => ({ before: text.slice(Math.max(0, span.start - 40), span.start), after: text.slice(span.end, span.end + 60) });
  const article: ArticleState = {
    text,
    introduced,
    lowercaseWords,
    capitalisedElsewhere: new Set(spans.filter((span) => !span.atStart).map((span) => span.surface)),
    alone: standaloneCapitalised(text),
    // A name that any of its mentions places in a firm's context is a firm, even when it starts
    // with a given name ("Morgan Stanley").
    organizationContext: new Set(spans.filter((span) => {
      const { before, after } = contextOf(span);
      const modifiesNoun = /^\s+[a-z]/.test(after) && !/^\s+(?:said|says|and|or|in|on|to|has|had|have|is|was|which|who|expects?|estimated?|estimates|wrote|told|noted|added|analysts?|economists?|strategists?|shares|stock|executives?|engineers?|employees?|spokes(?:person|man|woman))\b/.test(after);
      // "Chinese engineers", "American analysts": a nationality, not a firm.
      const demonym = adjectivalName.test(span.surface);
      // "the Albemarle Rowe investment bank", "the Greyfriars fund": the name modifies a firm's noun.
      const firmNoun = /^\s+(?:[a-z-]+\s+)?(?:bank|firm|fund|consultancy|brokerage|startup|think tank|law firm|hedge fund|asset manager)\b/.test(after) && /\b(?:the|a|an)\s+$/i.test(before);
      return !demonym && (firmNoun || (!modifiesNoun && (organizationBefore.test(before) || organizationAfter.test(after))));
    }).map((span) => span.surface)),
    people: [],
    organizations: [],
    registryPeople: [...byName.values()].filter((entity) => entity.type === 'person' && entity.origin === 'registry'),
  };
  candidates: for (const span of spans) {
    const candidate = readCandidate(span, text, sentences);
    for (const rule of candidateRules) {
      const verdict = rule.decide(candidate, article);
      if (!verdict) continue;
      decisions?.push({ rule: rule.name, surface: candidate.mention.surface, ...(verdict === 'drop' ? {} : { result: verdict.name }) });
      if (verdict !== 'drop') add(verdict.name, verdict.type, verdict.origin, candidate.mention);
      continue candidates;
    }
    const named = nameCandidate(candidate, article);
    for (const cue of typeCues) {
      const type = cue.retype(named, article);
      if (!type) continue;
      if (type !== named.type) decisions?.push({ rule: cue.name, surface: named.mention.surface, result: type });
      named.type = type;
    }
    for (const rule of nameRules) {
      if (!rule.drops(named, article)) continue;
      decisions?.push({ rule: rule.name, surface: named.mention.surface });
      continue candidates;
    }
    const entity = add(named.name, named.type, 'detected', named.mention);
    if (entity.type === 'person' && !article.people.includes(entity)) article.people.push(entity);
    if (entity.type === 'organization' && !article.organizations.includes(entity)) article.organizations.push(entity);
  }

  // 4. One record per real thing. (With decisions: each record a pass removed, and the record that took it in.)
  for (const pass of recordPasses) {
    const namesBefore = decisions ? [...byName.keys()] : [];
    pass.run(byName, article);
    for (const name of namesBefore) {
      if (byName.has(name)) continue;
      const into = [...byName.values()].find((entity) => entity.aliases.includes(name));
      decisions!.push({ rule: pass.name, surface: name, ...(into ? { result: into.name } : {}) });
    }
  }
  for (const entity of byName.values()) {
    entity.mentions.sort((a, b) => a.start - b.start);
    entity.id = entityKey(entity.name);
  }
  return [...byName.values()];
}

/** Whether the paragraph holding `offset` is prose (ends like a sentence), not a heading. */
function inProse(text: string, offset: number): boolean {
  const end = text.indexOf('\n', offset);
  return /[.!?:;]["”’)]?\s*$/.test(text.slice(offset, end < 0 ? undefined : end));
}

/** Whether text[start, end) sits inside a quotation of at most twelve words. */
function insideShortQuote(text: string, start: number, end: number): boolean {
  const open = Math.max(text.lastIndexOf('“', start), text.lastIndexOf('"', start - 1), text.lastIndexOf('‘', start));
  if (open < 0 || start - open > 120) return false;
  const close = text.slice(end, end + 120).search(/[”"’](?![\p{L}])/u);
  if (close < 0) return false;
  const inner = text.slice(open + 1, end + close);
  return !/[”"\n]/.test(text.slice(open + 1, start)) && inner.split(/\s+/).length <= 12;
}

function mergeInto(target: FoundEntity, other: FoundEntity, byName: Map<string, FoundEntity>): void {
  target.mentions.push(...other.mentions);
  for (const alias of [other.name, ...other.aliases]) if (alias !== target.name && !target.aliases.includes(alias)) target.aliases.push(alias);
  byName.delete(other.name);
}
