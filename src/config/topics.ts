// The two built-in topics: their matching rules and their viewpoint taxonomies.
//
// Rules are written for how real coverage of these subjects is worded, not for the sample corpus:
// an article belongs to a topic when every `require` group has a match somewhere in its title or
// text and its score (title matches count double) reaches `minScore`. Patterns are phrases matched
// on word boundaries, case-insensitively; a trailing `*` matches any word ending; a pattern written
// in capitals of two or more letters (BIS, ECCN) is matched case-sensitively.

export interface TopicRules {
  require: string[][];
  boost: string[];
  exclude: string[];
  minScore: number;
}

export interface ViewpointDefinition {
  label: string;
  name: string;
  /** Phrases that signal the viewpoint in a passage, or in who is quoted. */
  cues: string[];
}

export interface TopicDefinition {
  slug: string;
  name: string;
  description: string;
  rules: TopicRules;
  viewpoints: ViewpointDefinition[];
}

const sharedViewpoints = {
  policymakers: {
    label: 'policy-trade-law',
    name: 'Policymakers and trade law',
    cues: [
      'lawmaker*', 'congress*', 'senator*', 'sen.', 'rep.', 'legislation', 'bill would', 'hearing',
      'trade lawyer*', 'trade law', 'compliance counsel', 'attorney*', 'law firm', 'legal', 'statute',
      'regulation*', 'interim final rule', 'federal register', 'rulemaking', 'enforce*', 'jurisdiction',
      'partner at', 'professor of law', 'legal scholar*', 'policy analyst*', 'think tank',
    ],
  },
  businessBuyers: {
    label: 'business-governance',
    name: 'Business buyers and governance',
    cues: [
      'procurement', 'vendor*', 'due diligence', 'indemnit*', 'provenance', 'enterprise*', 'customers',
      'chief information officer*', 'CIO*', 'governance', 'board*', 'compliance officer*', 'contract*',
      'supplier*', 'audit*', 'risk officer*', 'buyers',
    ],
  },
};

export const builtInTopics: TopicDefinition[] = [
  {
    slug: 'distillation',
    name: 'AI distillation disputes',
    description:
      'Labs accusing others of harvesting their models\' outputs to train rival models, and the debate over whether and how distillation should be allowed.',
    rules: {
      require: [
        [
          'distill*', 'knowledge distillation', 'model extraction', 'harvest* output*', 'harvest* response*',
          'trained on * output*', 'trained on the output*', 'train* on its output*', 'train* on their output*',
          'outputs of * model*', 'copy* * model*', 'copied * model*', 'cloning', 'piggyback*',
          'terms of service', 'terms of use', 'unauthori?ed use',
        ],
        [
          'AI', 'A.I.', 'artificial intelligence', 'model*', 'LLM*', 'chatbot*', 'OpenAI', 'DeepSeek',
          'Anthropic', 'Google', 'Gemini', 'ChatGPT', 'Claude', 'Llama', 'Meta', 'Mistral', 'Qwen',
          'Alibaba', 'Moonshot', 'Kimi', 'xAI', 'Grok', 'reasoning', 'weights',
        ],
      ],
      boost: [
        'distill*', 'student model*', 'teacher model*', 'API', 'rival*', 'competitor*', 'competing model*',
        'terms of service', 'evidence', 'accus*', 'alleg*', 'intellectual property', 'IP theft', 'theft',
        'OpenAI', 'DeepSeek', 'R1', 'open-weight*', 'open-source', 'frontier lab*', 'AI lab*',
      ],
      exclude: [
        'whisk*y', 'distiller*', 'bourbon', 'gin', 'vodka', 'rum', 'brandy', 'spirits', 'cask*', 'brew*',
        'desalination', 'crude oil', 'refiner*', 'petroleum', 'essential oil*', 'moonshine',
      ],
      minScore: 6,
    },
    viewpoints: [
      {
        label: 'frontier-labs-security',
        name: 'Frontier labs and national security',
        cues: [
          'theft', 'stole*', 'steal*', 'intellectual property', 'national security', 'security threat',
          'adversar*', 'penalt*', 'crack down', 'protect* our', 'evidence that', 'misappropriat*',
          'violat* * terms', 'export control*', 'chinese communist party', 'CCP', 'competitor in china',
          'unfair*', 'countermeasures', 'safeguards',
        ],
      },
      {
        label: 'security-analysts',
        name: 'Security analysts',
        cues: [
          'attack surface', 'rate limit*', 'detect*', 'anomal*', 'fingerprint*', 'watermark*', 'abuse',
          'threat model*', 'security researcher*', 'red team*', 'account* linked', 'bulk queries',
          'scraping', 'api key*', 'monitoring', 'security firm', 'incident response', 'forensic*',
        ],
      },
      {
        label: 'open-source-research',
        name: 'Open-source and research community',
        cues: [
          'open-source', 'open source', 'open-weight*', 'researcher*', 'academic*', 'standard practice',
          'common practice', 'ordinary practice', 'hypocri*', 'moat', 'incumbent*', 'laptop*', 'phone*',
          'small model*', 'smaller model*', 'scraped the web', 'web data', 'without permission',
          'hugging face', 'community', 'reproduc*',
        ],
      },
      { ...sharedViewpoints.businessBuyers },
      { ...sharedViewpoints.policymakers },
      {
        label: 'chip-makers-investors',
        name: 'Chip makers and investors',
        cues: [
          'investor*', 'shares', 'stock*', 'market value', 'sell-off', 'selloff', 'analyst* at', 'wall street',
          'nasdaq', 'valuation', 'earnings', 'revenue', 'chipmaker*', 'nvidia', 'market cap*',
        ],
      },
      {
        label: 'accused-parties',
        name: 'The accused parties',
        cues: [
          'did not respond', 'has not responded', 'declined to comment', 'did not comment', 'denied',
          'deni*', 'rejected the', 'beijing', 'chinese foreign ministry', 'foreign ministry', 'smear',
          'deepseek said', 'deepseek has said', 'spokesperson for deepseek',
        ],
      },
    ],
  },
  {
    slug: 'export-controls',
    name: 'AI export controls',
    description:
      'Government controls on exporting AI chips, chip-making tools, model weights and cloud access, and the industry and diplomatic response to them.',
    rules: {
      require: [
        [
          'export control*', 'export restriction*', 'export curb*', 'export ban*', 'export rule*',
          'export licen?e*', 'export licen?ing', 'licen?e requirement*', 'licen?ing requirement*',
          'chip curb*', 'chip rule*', 'chip ban*', 'chip restriction*', 'chip export*', 'entity list',
          'Entity List', 'Bureau of Industry and Security', 'BIS', 'AI diffusion', 'diffusion rule',
          'diffusion framework', 'ECCN', 'blacklist*', 'trade restriction*', 'sanction*',
          'foreign direct product rule', 'export administration regulations', 'EAR',
        ],
        [
          'chip*', 'semiconductor*', 'GPU*', 'AI', 'A.I.', 'artificial intelligence', 'accelerator*',
          'Nvidia', 'AMD', 'Huawei', 'Ascend', 'H20', 'H100', 'H800', 'A800', 'Blackwell', 'model weights',
          'supercomput*', 'high-bandwidth memory', 'HBM', 'data cent*', 'compute',
        ],
      ],
      boost: [
        'export control*', 'Commerce Department', 'Department of Commerce', 'BIS', 'Entity List',
        'licen?e*', 'China', 'Chinese', 'Beijing', 'national security', 'H20', 'Nvidia', 'chip*',
        'semiconductor*', 'rule', 'tier*', 'diffusion', 'rescind*', 'Huawei',
      ],
      exclude: ['tariff* on cars', 'soybean*', 'agricultur*', 'livestock', 'wine export*'],
      minScore: 6,
    },
    viewpoints: [
      {
        label: 'national-security',
        name: 'National security hawks',
        cues: [
          'national security', 'military', 'adversar*', 'close loophole*', 'loophole*', 'smuggl*',
          'chinese communist party', 'CCP', 'threat', 'modernization', 'weapons', 'protect american',
          'tighten*', 'crack down', 'enforcement',
        ],
      },
      {
        label: 'chip-makers-investors',
        name: 'Chip makers and investors',
        cues: [
          'investor*', 'shares', 'stock*', 'revenue', 'sales', 'charge', 'write-down', 'writedown',
          'market share', 'earnings', 'analyst* at', 'wall street', 'customers in china', 'lost sales',
          'chipmaker*', 'inventory', 'guidance', 'quarter*',
        ],
      },
      { ...sharedViewpoints.policymakers },
      {
        label: 'allies-partners',
        name: 'Allies and partner countries',
        cues: [
          'allies', 'ally', 'partner countr*', 'tier*', 'european', 'EU', 'india', 'gulf', 'uae',
          'saudi', 'singapore', 'malaysia', 'netherlands', 'japan', 'south korea', 'diplomat*',
        ],
      },
      {
        label: 'open-source-research',
        name: 'Open-source and research community',
        cues: [
          'open-source', 'open source', 'open-weight*', 'researcher*', 'academic*', 'universit*',
          'scientific', 'innovation', 'model weights', 'research community',
        ],
      },
      { ...sharedViewpoints.businessBuyers },
      {
        label: 'china-response',
        name: 'China and the targeted companies',
        cues: [
          'beijing', 'china\'s commerce ministry', 'ministry of commerce', 'foreign ministry', 'firmly opposes',
          'firmly opposed', 'countermeasure*', 'retaliat*', 'huawei said', 'self-reliance', 'domestic chips',
          'zhipu said', 'bullying', 'weaponi?ing', 'did not respond', 'declined to comment',
        ],
      },
    ],
  },
];
