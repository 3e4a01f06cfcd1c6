// Words the quote extractor reads (src/extract/quotes.ts), as data: speech verbs, titles and
// offices, what unnamed sources are called, trades. quotes.ts builds its patterns from these lists
// once, when it loads, each list as a regular expression alternation in the order given: order
// counts where one entry starts another and the pattern has no word boundary after it.

/** The words of a list as a regular expression alternation (no group), special characters escaped. */
export function alternation(words: readonly string[]): string {
  return words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

// Verbs that attribute speech: "…," said Jane Doe; Jane Doe warned: "…"; "…," she added, saying …
export const SPEECH_VERBS = ['said', 'says', 'say', 'shared', 'revealed', 'reveals', 'slammed', 'slams', 'blasted', 'fumed', 'gushed', 'confessed', 'confesses', 'exclaimed', 'pleaded', 'demanded', 'mused', 'sighed', 'laughed', 'beamed', 'raged', 'hit out', 'wrote', 'writes', 'added', 'adds', 'argued', 'argues', 'noted', 'notes', 'explained', 'explains', 'warned', 'warns', 'stated', 'states', 'insisted', 'insists', 'continued', 'cautioned', 'observed', 'remarked', 'asked', 'asks', 'posted', 'commented', 'acknowledged', 'conceded', 'predicted', 'tweeted', 'replied', 'replies', 'responded', 'responds', 'declared', 'contended', 'quipped', 'recalled', 'recounted', 'admitted', 'stressed', 'emphasized', 'emphasised', 'urged', 'pledged', 'promised', 'vowed', 'testified', 'announced', 'claimed', 'alleged', 'countered', 'joked', 'complained', 'lamented', 'suggested', 'concluded', 'reiterated', 'maintained', 'agreed', 'wondered', 'told', 'tells', 'described', 'boasted', 'pointed out', 'went on', 'shot back', 'fired back', 'saying', 'adding', 'telling', 'writing', 'noting', 'warning', 'insisting', 'explaining', 'stating', 'agrees', 'agreed', 'agreeing', 'recalls', 'remembers', 'remembered', 'believes', 'thinks', 'hopes', 'fears', 'worries'] as const;

// Whom a speaker "told": "…," she told reporters.
export const TELLS_AUDIENCES = ['reporters', 'journalists', 'investors', 'lawmakers', 'analysts'] as const;

// Words for a statement that introduce a quote: "X had a more succinct statement after the ruling. “…”".
export const STATEMENT_NOUNS = ['statement', 'comments', 'comment', 'remarks', 'response', 'message', 'post', 'tweet', 'interview'] as const;

// Abbreviated titles written before a name, with a full stop: Sen. Jane Roe, Dr. Owen Marsh.
export const TITLES_BEFORE_NAMES = ['Sen', 'Rep', 'Dr', 'Mr', 'Mrs', 'Ms', 'Prof', 'Gov', 'Gen'] as const;

// Lower-case particles inside a name: Ursula von der Leyen, Mohammed bin Salman.
export const NAME_PARTICLES = ['des', 'de', 'van', 'von', 'der', 'bin', 'al', 'da'] as const;

// Capitalised words a name pattern catches that are never a speaker.
export const NOT_NAMES = ['The', 'A', 'An', 'It', 'This', 'That', 'These', 'Those', 'In', 'On', 'At', 'But', 'And', 'Yet', 'So', 'Still', 'However', 'Asked', 'When', 'If', 'As', 'Its', 'Their', 'Then', 'After', 'Before', 'While', 'Because', 'Although', 'Speaking', 'One', 'Another', 'Some', 'Many', 'Others', 'Most'] as const;

// A time or place phrase caught where a name should be ("On Monday, Winfrey told CBS …").
export const NOT_NAME_START_WORDS = ['On', 'In', 'At', 'For', 'By', 'From', 'With', 'After', 'Before', 'During', 'Since', 'Until', 'Last', 'Next', 'This'] as const;

// Weekday names.
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

// Month names.
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

// Who speaks for a body: "…," said a spokesperson for Sheffield University.
export const SPEAKS_FOR_NOUNS = ['spokesperson', 'spokesman', 'spokeswoman', 'representative', 'official', 'executive', 'lawyer', 'analyst', 'researcher', 'director', 'head', 'chief', 'engineer'] as const;

// What an unnamed source is called: "a senior official", "a person familiar with the matter", "two aides".
export const UNNAMED_SOURCE_NOUNS = ['person', 'people', 'source', 'sources', 'official', 'officials', 'insider', 'insiders', 'aide', 'aides', 'executive', 'executives', 'employee', 'employees', 'diplomat', 'diplomats', 'MP', 'MPs', 'adviser', 'advisers', 'advisor', 'ally', 'allies', 'member', 'members', 'figure', 'staffer', 'staffers', 'spokesperson', 'spokesman', 'spokeswoman', 'lawmaker', 'lawmakers', 'resident', 'residents', 'analyst', 'banker', 'investor', 'engineer', 'researcher', 'officer', 'minister', 'manager', 'worker', 'colleague', 'friend', 'relative', 'neighbour', 'neighbor', 'witness', 'vice-chancellor', 'teacher', 'doctor', 'nurse', 'parent'] as const;

// An unnamed source referred to again: "…," the insider said.
export const UNNAMED_SOURCE_REFERENCES = ['insider', 'source', 'sources', 'person', 'people', 'aide', 'diplomat'] as const;

// People the article does not name, speaking for a body it does: "…," said researchers; officials said.
export const PLURAL_SOURCE_GROUPS = ['researchers', 'officials', 'analysts', 'experts', 'scientists', 'investigators', 'prosecutors', 'authorities', 'police', 'executives', 'spokespeople'] as const;

// Seats written after a place or a party: "the Cork TD", "the Labour MEP".
export const ELECTED_TITLES = ['TD', 'MEP', 'MSP', 'MLA'] as const;

// Parents and grandparents, also as "mother-of-two".
export const PARENT_WORDS = ['mother', 'father', 'mum', 'dad', 'grandmother', 'grandfather'] as const;

// Counts written as words in "mother-of-three".
export const SMALL_NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'] as const;

// A person described by trade or standing: "the chef said", "the striker added".
export const TRADE_NOUNS = ['chef', 'star', 'actor', 'actress', 'singer', 'presenter', 'host', 'author', 'writer', 'novelist', 'campaigner', 'activist', 'businessman', 'businesswoman', 'billionaire', 'tycoon', 'entrepreneur', 'player', 'striker', 'midfielder', 'defender', 'goalkeeper', 'manager', 'coach', 'boss', 'doctor', 'nurse', 'teacher', 'headteacher', 'headmaster', 'detective', 'inspector', 'pilot', 'mother', 'father', 'mum', 'dad', 'grandmother', 'grandfather', 'widow', 'widower', 'victim', 'survivor', 'student', 'artist', 'designer', 'comedian', 'broadcaster', 'journalist', 'priest', 'pastor', 'bishop', 'councillor', 'farmer', 'owner', 'cartoonist', 'filmmaker', 'producer', 'rapper', 'musician', 'athlete', 'champion', 'veteran', 'historian', 'curator', 'architect', 'engineer', 'surgeon', 'physician', 'psychologist', 'epidemiologist', 'virologist', 'academic', 'lecturer', 'dean', 'principal', 'superintendent', 'commissioner', 'chancellor', 'secretary', 'premier', 'duchess', 'duke', 'prince', 'princess', 'king', 'queen', 'pope'] as const;

// Words before a speaker's office or trade: "the former minister", "a senior official".
export const SPEAKER_MODIFIERS = ['former', 'then', 'current', 'senior', 'top', 'chief', 'deputy', 'local', 'federal', 'state', 'Chinese', 'American', 'British', 'European', 'Democratic', 'Republican', 'Conservative', 'Labour', 'TV', 'celebrity', 'young', 'veteran'] as const;

// Offices, bodies and documents that speak: "the governor said", "the company said", "the ruling states".
export const GROUP_SPEAKER_NOUNS = ['senator', 'congressman', 'congresswoman', 'lawmaker', 'minister', 'governor', 'mayor', 'MP', 'professor', 'chief executive', 'CEO', 'founder', 'president', 'chairman', 'chairwoman', 'director', 'economist', 'scientist', 'prosecutor', 'attorney', 'sheriff', 'company', 'firm', 'lab', 'agency', 'department', 'ministry', 'spokesperson', 'spokesman', 'spokeswoman', 'official', 'analyst', 'researcher', 'lawyer', 'executive', 'statement', 'report', 'administration', 'government', 'chipmaker', 'startup', 'White House', 'court', 'ruling', 'judge', 'union', 'council', 'university', 'police', 'trust', 'board', 'release'] as const;

// Capitalised offices standing for who holds them: "the Director noted", "the Premier said".
export const OFFICES = ['Director', 'Director-General', 'President', 'Vice President', 'Minister', 'Prime Minister', 'Governor', 'Premier', 'Chairman', 'Chairwoman', 'Chair', 'Secretary', 'Commissioner', 'Mayor', 'Senator', 'Chief Executive', 'CEO', 'Judge', 'Justice'] as const;

// Offices (any case) that resolve to the person named before: "the senator said", "the Labour MP".
export const OFFICE_WORDS = ['MP', 'director-general', 'prime minister', 'premier', 'chair', 'senator', 'congressman', 'congresswoman', 'lawmaker', 'governor', 'mayor', 'judge', 'justice', 'professor', 'researcher', 'scientist', 'economist', 'analyst', 'lawyer', 'attorney', 'chairman', 'chairwoman', 'chief executive', 'executive', 'founder', 'president', 'director', 'commissioner', 'sheriff', 'official'] as const;

// Bodies that resolve to the organisation named before: "the company said", "the court" → District Court of Appeal.
export const BODY_NOUNS = ['company', 'firm', 'lab', 'startup', 'chipmaker', 'agency', 'department', 'ministry', 'group', 'organisation', 'organization', 'union', 'trust', 'court', 'university', 'government', 'council', 'committee', 'commission', 'bank', 'association'] as const;

// Bodies that open a clause whose speech verb introduces a quote: "The court also found …, noting that “…”".
export const ORGANIZATION_SUBJECT_NOUNS = ['company', 'firm', 'court', 'agency', 'department', 'ministry', 'lab', 'union', 'government', 'commission', 'committee', 'board', 'bank', 'university', 'trust'] as const;

// Words before a quoted title: the so-called “Enhanced Safe Browsing protection”, a report titled “…”.
export const TITLE_INTRODUCERS = ['the', 'a', 'an', 'its', 'their', 'his', 'her', 'called', 'titled', 'entitled', 'named', 'dubbed'] as const;

// Lower-case words that do not describe a name that follows ("said in Geneva Jane Doe" is not "said lead author Jane Doe").
export const NOT_DESCRIPTION_WORDS = ['in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'after', 'before', 'during', 'of', 'that', 'when', 'while', 'as', 'and', 'but'] as const;

// Words that make what follows a name a clause, not a caption credit's role ("…,” Augusto Reyes, who has said …).
export const NOT_IN_CAPTION_ROLES = ['said', 'says', 'told', 'tells', 'that', 'will', 'would', 'has', 'have', 'had', 'is', 'was', 'are', 'were'] as const;

// Words between the speaker and the verb after a quote: "…," Jane Doe later said.
export const WORDS_BEFORE_VERB_AFTER_QUOTE = ['later', 'also', 'then', 'previously', 'once', 'had', 'has', 'recently', 'quickly'] as const;

// Words between the speaker and the verb before a quote: Jane Doe has also said: "…"
export const WORDS_BEFORE_VERB_BEFORE_QUOTE = ['has', 'have', 'also', 'later', 'then', 'again'] as const;

// Words between the speaker and the verb of reported speech: The ministry later said the move was "…"
export const WORDS_BEFORE_VERB_IN_REPORTED_SPEECH = ['later', 'also', 'then', 'previously', 'once', 'recently', 'again'] as const;

// Conjunctions caught before a name ("As Montoya-Lewis said", "When Winfrey asked").
export const LEADING_CONJUNCTIONS = ['As', 'When', 'If', 'After', 'Before', 'While', 'But', 'And', 'So', 'Then', 'Because', 'Although', 'Once'] as const;

// Who speaks for a body: "a spokesperson for Sheffield University", "an OpenAI representative".
export const SPOKESPERSON_WORDS = ['spokesperson', 'spokesman', 'spokeswoman', 'representative'] as const;

// Words around quoted words that make them a quote whatever their shape: "what she called it", "the sign reads".
export const QUOTE_CONTEXT_WORDS = ['told', 'asked', 'called it', 'wrote', 'read', 'reads'] as const;
