// Words the extractors read, as data: for the quote extractor (src/extract/quotes.ts) speech verbs,
// titles and offices, what unnamed sources are called, trades; for the entity detector
// (src/extract/entities.ts) the words that end an organisation's, a law's or a place's name, titles
// and honorifics, words that are no name; stop words for figures (src/extract/figures.ts) and for
// story terms (src/stories/terms.ts); month and weekday names (from src/text/calendarWords.ts).
// The extractors build their patterns from these lists once, when they load, each list as a regular
// expression alternation in the order given: order counts where one entry starts another and the
// pattern has no word boundary after it.
import { MONTH_NAMES, WEEKDAY_NAMES } from '../text/calendarWords.ts';

export { MONTH_ABBREVIATIONS, MONTH_NAMES, MONTH_NUMBERS, MONTH_PATTERN, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES } from '../text/calendarWords.ts';

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

// ---- Entities (src/extract/entities.ts) ----

// Words that make a capitalised name an organisation's, wherever they stand in it: "Acme Labs",
// "Bureau of Industry and Security", "Société Générale", "Sheriff's Office".
export const ORGANIZATION_WORDS = ['Embassy', 'Consulate', 'Government', 'Assurance', 'Advisors', 'Advisers', 'Associates', 'Strategies', 'Consultants', 'Publishing', 'Fondation', 'Société', 'Musée', 'Museo', 'Hôtel', 'Universidad', 'Universität', 'Université', 'Università', 'Instituto', 'Institut', 'Banco', 'Banque', 'Compagnie', 'Partido', 'Partei', 'Stiftung', 'Verlag', 'GmbH', 'AG', 'K.K', 'PAC', 'Inc', 'Corp', 'Corporation', 'Co', 'Ltd', 'LLC', 'LLP', 'PLC', 'Group', 'Holdings', 'Institute', 'University', 'College', 'School', 'Department', 'Bureau', 'Agency', 'Administration', 'Commission', 'Committee', 'Council', 'Ministry', 'Office', 'Authority', 'Association', 'Federation', 'Foundation', 'Center', 'Centre', 'Lab', 'Labs', 'Laboratory', 'Laboratories', 'Technologies', 'Technology', 'Systems', 'Partners', 'Capital', 'Ventures', 'Securities', 'Research', 'Network', 'Society', 'Party', 'Parliament', 'Congress', 'Senate', 'Court', 'Bank', 'Fund', 'Union', 'Alliance', 'Coalition', 'Consortium', 'Forum', 'Initiative', 'Project', 'Program', 'Programme', 'Service', 'Services', 'Times', 'Post', 'Journal', 'News', 'Review', 'Dispatch', 'Wire', 'Monitor', 'Brief', 'Courier', 'Ledger', 'Gazette', 'Tribune', 'Herald', 'Daily', 'Weekly', 'Magazine', 'Media', 'Press', 'Board', 'Cloud', 'AI', 'Electronics', 'Semiconductor', 'Semiconductors', 'Microsystems', 'Devices', 'Motors', 'Airlines', 'Energy', 'Pharmaceuticals', 'Caucus', 'Operator', 'Trust', 'Police', 'Hospital', 'Clinic', 'Register', 'Guild', 'Academy', 'Church', 'Army', 'Navy', 'Corps', 'Guard', 'Club', 'Museum', 'Library', 'Orchestra', 'Studio', 'Studios', 'Records', 'Airways', 'Railway', 'Railways', 'Hotel', 'Hotels', 'Electric', 'Utilities', 'Insurance', 'Exchange', 'Reserve', 'Markets', 'Directorate', 'Cabinet', 'Assembly', 'Legislature', 'Tribunal', "Sheriff's Office", 'Prosecutor', 'Prosecutors', 'Institution', 'Enterprises', 'Resorts', 'Software', 'Security', 'Solutions', 'Analytics', 'Robotics', 'Dynamics', 'Networks', 'Communications', 'Consulting', 'Advisory', 'Logistics', 'Therapeutics', 'Biosciences', 'Computing', 'Compute', 'Quantum', 'Insights', 'Intelligence', 'Collective', 'Salon', 'Spa', 'Restaurant', 'Cafe', 'Café', 'Bakery', 'Boutique', 'Grill', 'Kitchen', 'Pub', 'Brewery', 'Winery', 'Pharmacy', 'Industries', 'Company', 'Companies', 'Organisation', 'Organization', 'League', 'Conference', 'Fellowship', 'Trade', 'Chamber', 'Observatory', 'Watch', 'Unit', 'Cartel', 'Brigade', 'Regiment', 'Command'] as const;

// Words that end a law's name: "Export Control Reform Act", "AI Diffusion Rule", "Proposition 4".
export const LAW_WORDS = ['Act', 'Acts', 'Rule', 'Rules', 'Regulation', 'Regulations', 'Framework', 'Directive', 'Order', 'Bill', 'Treaty', 'Agreement', 'Accord', 'Code', 'Statute', 'Amendment', 'Law', 'List', 'Guidance', 'Proposition', 'Ordinance', 'Resolution'] as const;

// Words that end a place's name: "Redonda Island", "Napa County", "Gaza Strip", "United Arab Emirates".
export const PLACE_WORDS = ['Island', 'Islands', 'Isle', 'Coast', 'County', 'River', 'Lake', 'Lakes', 'Mountain', 'Mountains', 'Valley', 'Bay', 'Beach', 'Street', 'Avenue', 'Road', 'Square', 'Bridge', 'Airport', 'Harbor', 'Harbour', 'Strait', 'Sea', 'Ocean', 'Gulf', 'Peninsula', 'Desert', 'Province', 'City', 'Town', 'Village', 'Region', 'Heights', 'Hills', 'Springs', 'Falls', 'Canyon', 'Creek', 'Borough', 'Township', 'Parish', 'Prefecture', 'Territory', 'Territories', 'Transitway', 'Highway', 'Boulevard', 'Plaza', 'Park', 'Reservoir', 'Glacier', 'Forest', 'Canal', 'Port', 'Peak', 'Cape', 'Strip', 'Reich', 'Empire', 'Kingdom', 'Emirate', 'Emirates', 'Sultanate', 'Caliphate'] as const;

// Honorifics and titles written with a full stop before a name, taken off it: "Sen. Jane Roe", "Lt. Col. …", "Rt. Hon. …".
export const ABBREVIATED_HONORIFICS = ['Sen', 'Rep', 'Gov', 'Gen', 'Lt', 'Col', 'Adm', 'Dr', 'Mr', 'Mrs', 'Ms', 'Prof', 'Capt', 'Sgt', 'Hon', 'Amb', 'Rt'] as const;

// Honorifics, titles and offices taken off the front of a name: "Prince Harry", "Commerce Secretary
// Gina Raimondo", "Dr Owen Marsh" (the record's name is what follows). Tried in this order, after the
// abbreviated ones, "The Right Honourable" and "Chief … Officer".
export const HONORIFICS = ['Prince', 'Princess', 'King', 'Queen', 'Duke', 'Duchess', 'Emperor', 'Empress', 'Pope', 'Sheikh', 'Emir', 'Crown Prince', 'Taoiseach', 'Tánaiste', 'Senator', 'Representative', 'Congressman', 'Congresswoman', 'President', 'Vice President', 'Secretary', 'Commerce Secretary', 'Minister', 'Ambassador', 'Chairman', 'Chairwoman', 'Chair', 'Ranking Member', 'Director', 'Judge', 'Justice', 'Governor', 'Mayor', 'Professor', 'Dr', 'Mr', 'Mrs', 'Ms', 'Sir', 'Dame', 'Lord', 'Lady', 'Chief Executive', 'CEO', 'Prime Minister', 'Foreign Minister', 'Trade Minister', 'Commissioner', 'Chancellor', 'Premier', 'Spokesperson', 'Spokesman', 'Spokeswoman', 'Deputy', 'Undersecretary', 'Under Secretary', 'Assistant Secretary'] as const;

// Words of a title or office before a name ("Police Commissioner Christine Elow", "Executive Director
// Javier Betancourt"): the name after them is a person's.
export const TITLE_WORDS = ['DA', 'Taoiseach', 'Tánaiste', 'Mayor', 'Commissioner', 'Director', 'Secretary', 'Governor', 'Gov.', 'Senator', 'Sen.', 'Rep.', 'Representative', 'Congressman', 'Congresswoman', 'Councilmember', 'Councilman', 'Councilwoman', 'Council-member', 'President', 'Vice', 'Chairman', 'Chairwoman', 'Chairperson', 'Chair', 'Chief', 'Officer', 'Executive', 'Attorney', 'Judge', 'Justice', 'Prof.', 'Prof', 'Professor', 'Dr.', 'Dr', 'Minister', 'Spokesperson', 'Spokesman', 'Spokeswoman', 'Sheriff', 'Chancellor', 'Vice-Chancellor', 'Superintendent', 'Manager', 'Editor', 'Founder', 'Co-founder', 'Cofounder', 'CEO', 'CFO', 'CTO', 'COO', 'Ambassador', 'Defendant', 'Defendants', 'Detective', 'Sergeant', 'Sgt.', 'Lt.', 'Lieutenant', 'Captain', 'Capt.', 'Coach', 'Pastor', 'Rev.', 'Reverend', 'Deputy', 'Assistant', 'Acting', 'Senior', 'Principal', 'Head', 'General', 'Gen.', 'Admiral', 'Adm.', 'Col.', 'Colonel', 'Inspector', 'Trustee', 'Treasurer', 'Comptroller', 'Auditor', 'Clerk', 'Counsel', 'Lawyer', 'Analyst', 'Economist', 'Researcher', 'Scientist', 'Dean', 'Provost', 'Mr.', 'Mrs.', 'Ms.', 'Mr', 'Mrs', 'Ms', 'Miss', 'Sir', 'Dame', 'Lord', 'Lady', 'Premier', 'Speaker', 'Whip', 'Leader', 'Commander', 'Supervisor', 'Administrator', 'Prosecutor', 'Agent', 'Director-General', 'Partner', 'Author', 'Actor', 'Actress', 'Singer', 'Star', 'Host', 'Anchor', 'Reporter', 'Correspondent', 'Columnist', 'Chef', 'Activist', 'Lawmaker', 'Legislator', 'Delegate', 'Candidate', 'Nominee', 'Hopeful', 'Frontrunner', 'Incumbent', 'Ranking', 'Member', 'Majority', 'Minority', 'Board', 'MP', 'MPs', 'MEP', 'MEPs', 'MSP', 'QC', 'KC', 'Honourable', 'Honorable', 'Engineer', 'Developer', 'Emperor', 'Empress', 'Prince', 'Princess', 'King', 'Queen', 'Duke', 'Duchess', 'Pope'] as const;

// Title words that open a title only when another title word follows ("Attorney General", "Vice
// President"); alone they begin names ("General Motors", "Head Start").
export const WEAK_TITLE_WORDS = ['General', 'Head', 'Senior', 'Principal', 'Acting', 'Deputy', 'Assistant', 'Vice', 'Chief', 'Executive', 'Star', 'Host', 'Leader', 'Partner', 'Agent', 'Counsel', 'Speaker', 'Chair', 'Director', 'Officer', 'Clerk', 'Dean', 'Whip', 'Premier', 'Lord', 'Lady', 'Ranking', 'Member', 'Majority', 'Minority', 'Board', 'Prince', 'Princess', 'King', 'Queen', 'Duke', 'Duchess', 'Emperor', 'Pope'] as const;

// Words that with title words make a run that is a title and nothing more: "Acting Premier", "Software Engineer", "the Rt. Hon.".
export const TITLE_ONLY_WORDS = ['Acting', 'Former', 'Honourable', 'Hon', 'Hon.', 'Rt', 'Rt.', 'Right', 'Software', 'Senior', 'Lead', 'Staff', 'Engineer', 'Developer', 'Designer', 'Manager', 'the'] as const;

// Words that open a job title, not a name: "Chief Technology Officer", "Senior Vice President".
export const JOB_TITLE_OPENERS = ['Chief', 'Senior', 'Deputy', 'Head', 'Vice', 'Executive', 'Managing', 'General', 'Assistant'] as const;

// Capitalised words that name no one in particular here: "the Internet", "the Moon".
export const COMMON_NOUNS = ['Internet', 'Web', 'Earth', 'Moon', 'Sun', 'God', 'Bible', 'Net', 'Cloud', 'Metaverse'] as const;

// Acronyms of common nouns and units, not names: "AI" or "GPU" alone is not an organisation.
export const GENERIC_ACRONYMS = ['ECCN', 'EAR', 'AI', 'AGI', 'API', 'APIs', 'GPU', 'GPUs', 'CPU', 'CPUs', 'TPU', 'LLM', 'LLMs', 'ML', 'NLP', 'IT', 'IP', 'CEO', 'CFO', 'CTO', 'COO', 'CIO', 'CISO', 'VP', 'PR', 'HR', 'IPO', 'GDP', 'ETF', 'FAQ', 'PDF', 'URL', 'HTML', 'CSS', 'JS', 'SDK', 'SaaS', 'OK', 'TV', 'AM', 'PM', 'GMT', 'UTC', 'EST', 'EDT', 'PST', 'PDT', 'CET', 'HBM', 'DRAM', 'RAM', 'SSD', 'PC', 'PCs', 'FLOP', 'FLOPs', 'FLOPS', 'TOPS', 'ESG', 'KPI', 'ROI', 'R&D', 'Q1', 'Q2', 'Q3', 'Q4', 'RV', 'RVs', 'HD', 'UHD', 'TB', 'GB', 'MB', 'KB', 'SMS', 'ET', 'PT', 'IV', 'AC', 'DC', 'EV', 'EVs', 'MP', 'MPs', 'MEP', 'MEPs', 'NHS', 'PhD', 'MBA', 'BSc', 'MSc', 'MD', 'JD', 'PNG', 'JPG', 'JPEG', 'GIF', 'APK', 'CSV', 'XML', 'JSON', 'USB', 'PPT', 'DOC', 'ZIP', 'EXE', 'GP', 'GPs', 'ID', 'DNA', 'COVID', 'PPE', 'SUV', 'SUVs', 'LED'] as const;

// Abbreviations of countries and unions that, with a nationality or a common acronym, make no name: "US AI", "EU Chinese".
export const PLACE_ABBREVIATIONS = ['US', 'U.S.', 'UK', 'U.K.', 'EU'] as const;

// Capitalised words that open sentences, and page furniture: trimmed from the front of a name that opens a sentence.
export const SENTENCE_STARTERS = ['A', 'An', 'The', 'This', 'That', 'These', 'Those', 'It', 'Its', 'In', 'On', 'At', 'For', 'From', 'With', 'Without', 'By', 'As', 'If', 'When', 'While', 'After', 'Before', 'But', 'And', 'Or', 'Yet', 'So', 'Nor', 'Although', 'Though', 'Because', 'Since', 'Until', 'Unless', 'However', 'Meanwhile', 'Still', 'Also', 'Even', 'Only', 'Just', 'Then', 'There', 'Here', 'What', 'Who', 'Why', 'How', 'Which', 'Where', 'Some', 'Many', 'Most', 'Several', 'Such', 'Other', 'Another', 'Each', 'Every', 'All', 'Both', 'Few', 'More', 'Less', 'Last', 'Next', 'First', 'Second', 'Third', 'New', 'Old', 'Now', 'Today', 'Yesterday', 'Tomorrow', ...WEEKDAY_NAMES, ...MONTH_NAMES, 'Instead', 'According', 'Asked', 'Under', 'Over', 'Despite', 'Amid', 'Among', 'Between', 'During', 'Into', 'Through', 'Against', 'Like', 'Unlike', 'Read', 'Share', 'Subscribe', 'Sign', 'Related', 'Photo', 'Image', 'Updated', 'Published', 'Advertisement', 'Editor', 'Editors', 'Note', 'Opinion', 'Analysis', 'Comment', 'Comments', 'Follow', 'Latest', 'Top', 'Home', 'News', 'Watch', 'Listen', 'We', 'I', 'You', 'He', 'She', 'They', 'Our', 'Their', 'His', 'Her', 'My', 'Your', 'One', 'Two', 'Three', 'Four', 'Five', 'Ten', 'No', 'Not', 'Yes'] as const;

// Page furniture glued to a name ("Read", "Share", "Photo"), trimmed wherever it stands, like month and weekday names.
export const PAGE_FURNITURE_WORDS = ['Read', 'Share', 'Subscribe', 'Advertisement', 'Photo', 'Image', 'Updated', 'Published', 'Watch', 'Listen'] as const;

// Lower-case words (and "&") that join the capitalised words of one name: "Bureau of Industry and Security", "Ursula von der Leyen".
export const NAME_CONNECTORS = ['of', 'for', 'and', 'the', 'on', 'de', 'du', 'des', 'del', 'di', 'von', 'van', 'der', 'da', 'dos', 'das', 'la', 'le', '&'] as const;

// Plurals of parties and creeds, which name no one: "Democrats", "Tories", "Greens".
export const PARTY_PLURALS = ['Democrats', 'Tories', 'Tory', 'Conservatives', 'Liberals', 'Socialists', 'Progressives', 'Independents', 'Greens', 'MPs', 'MEPs'] as const;

// Plural nouns for groups of people: a name ending in one ("Chinese Officials", "Gaza Residents") is no one's, unless an organisation's.
export const PEOPLE_GROUP_NOUNS = ['Agents', 'Officers', 'Officials', 'Residents', 'Members', 'Voters', 'Lawmakers', 'Students', 'Workers', 'Leaders', 'Supporters', 'Critics', 'Experts', 'Scientists', 'Researchers', 'Investors', 'Users', 'Customers', 'Fans', 'Troops', 'Forces', 'People', 'Peoples', 'Citizens', 'Women', 'Men', 'Children', 'Families', 'Immigrants', 'Refugees'] as const;

// Function words that, capitalised inside a run of capitalised words, make it a heading or a title: "Do Parties Or Voters Choose".
export const HEADING_FUNCTION_WORDS = ['And', 'Or', 'Is', 'Are', 'Was', 'Were', 'By', 'To', 'With', 'In', 'On', 'At', 'From', 'How', 'Why', 'What', 'When', 'Should', 'Do', 'Does', 'Did', 'Can', 'Will', 'Not', 'Be', 'Has', 'Have', 'She', 'He', 'They', 'It', 'We', 'You', 'Your', 'My', 'Our'] as const;

// Words that open a heading as a question: "How Chips Get Made", "Should Nostrand Houses …".
export const HEADING_OPENERS = ['How', 'Why', 'What', 'When', 'Should', 'Do', 'Does', 'Did', 'Can', 'Will', 'Is', 'Are'] as const;

// First words of many bodies' names: alone they do not stand for the firm named before ("National" is not National Grid).
export const COMMON_NAME_OPENERS = ['The', 'National', 'American', 'Chinese', 'European', 'International', 'Federal', 'State', 'United', 'Department', 'Bureau', 'Ministry', 'Office', 'New', 'North', 'South', 'East', 'West', 'Central'] as const;

// AI model families: "GPT-4o", "Claude 3.5", "Llama 3.1" name models.
export const MODEL_FAMILIES = ['GPT', 'Claude', 'Gemini', 'Llama', 'Qwen', 'Mistral', 'Grok', 'Kimi', 'DeepSeek', 'Phi', 'Gemma', 'Mixtral'] as const;

// Words after a model family's name that belong to the model's: "Claude Opus 4", "Gemini 2.5 Pro", "Llama 4 Maverick".
export const MODEL_VERSION_WORDS = ['Opus', 'Sonnet', 'Haiku', 'Pro', 'Flash', 'Ultra', 'Max', 'Mini', 'mini', 'Nano', 'Turbo', 'Plus', 'Instruct', 'Chat', 'Coder', 'Reasoner', 'Maverick', 'Scout', 'Behemoth', 'Lite', 'Thinking', 'Omni', 'Vision'] as const;

// ---- Stop words ----

// Words that end the thing a figure counts, or stand where it cannot be (src/extract/figures.ts): "$5bn in
// sales" counts sales, "40% of the …" does not count "of". Prepositions, articles, pronouns, auxiliaries.
export const FIGURE_STOP_WORDS = ['among', 'across', 'against', 'between', 'toward', 'towards', 'within', 'without', 'despite', 'during', 'through', 'via', 'like', 'of', 'in', 'to', 'for', 'on', 'at', 'by', 'from', 'with', 'and', 'or', 'that', 'which', 'who', 'as', 'than', 'a', 'an', 'the', 'is', 'was', 'were', 'are', 'be', 'been', 'had', 'has', 'have', 'it', 'its', 'this', 'their', 'his', 'her', 'per', 'each', 'last', 'next', 'since', 'after', 'before', 'over', 'under', 'into', 'would', 'will', 'could', 'can', 'may', 'might', 'should', 'said', 'says', 'but', 'if', 'when', 'while', 'because', 'so', 'not', 'no'] as const;

// Words that say nothing about what a story is about (src/stories/terms.ts), left out of its term
// vectors: English function words, reporting words, dates, units, "company". Lower case.
export const TERM_STOP_WORDS = [
  'a', 'about', 'above', 'after', 'again', 'against', 'all', 'also', 'am', 'an', 'and', 'any', 'are', "aren't", 'as', 'at', 'be', 'because', 'been', 'before', 'being', 'below', 'between', 'both', 'but', 'by', 'can', 'could', 'did', 'do', 'does', 'doing', 'down', 'during', 'each', 'few', 'for', 'from', 'further', 'had', 'has', 'have', 'having', 'he', 'her', 'here', 'hers', 'herself', 'him', 'himself', 'his', 'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'itself', 'just', 'let', 'me', 'more', 'most', 'my', 'no', 'nor', 'not', 'now', 'of', 'off', 'on', 'once', 'only', 'or', 'other', 'our', 'ours', 'out', 'over', 'own', 'same', 'she', 'should', 'so', 'some', 'such', 'than', 'that', 'the', 'their', 'theirs', 'them', 'then', 'there', 'these', 'they', 'this', 'those', 'through', 'to', 'too', 'under', 'until', 'up', 'very', 'was', 'we', 'were', 'what', 'when', 'where', 'which', 'while', 'who', 'whom', 'why', 'will', 'with', 'would', 'you', 'your', 'yours',
  'said', 'says', 'say', 'told', 'according', 'new', 'one', 'two', 'three', 'first', 'last', 'year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days',
  ...WEEKDAY_NAMES.map((day) => day.toLowerCase()), ...MONTH_NAMES.map((month) => month.toLowerCase()),
  'percent', 'per', 'cent', 'company', 'companies', 'people', 'time', 'including', 'include', 'includes', 'like', 'may', 'might', 'us', 'u.s', 'us-based', 'reported', 'report', 'reports', 'statement', 'added', 'since', 'however', 'still', 'even', 'much', 'many', 'well', 'already', 'yet', 'made', 'make', 'makes', 'way', 'via', 'around',
];

// Endings that make a name an adjective: "DeepSeek-affiliated accounts", "Nvidia-designed chips",
// "Biden-era rules" mention DeepSeek, Nvidia and Biden.
export const ADJECTIVAL_ENDINGS = ['affiliated', 'linked', 'backed', 'based', 'made', 'designed', 'owned', 'led', 'funded', 'controlled', 'related', 'style', 'era', 'built', 'trained', 'branded', 'run', 'supplied', 'developed', 'sponsored'] as const;
