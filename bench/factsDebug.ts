// Debug aid for the facts bench: prints, for each gold quote of the matching gold files, the
// paragraph around it and what the extractor made of it.
//   node bin/run-ts.mjs bench/factsDebug.ts SUBSTRING
import fs from 'node:fs';
import path from 'node:path';
import { extractArticle } from '../src/extract/article.ts';
import { extractFacts } from '../src/extract/facts.ts';
import { readCorpusHtml, repoRoot } from './corpusPages.ts';

const dir = path.join(repoRoot, 'test/fixtures/facts-gold');
const only = process.argv[2] ?? '';
const kind = process.argv[3] ?? 'quotes';
for (const name of fs.readdirSync(dir).filter((file) => file.endsWith('.json') && file.includes(only))) {
  const gold = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  const article = extractArticle(readCorpusHtml(gold.file), gold.url);
  const facts = extractFacts(article.title, article.text, gold.published, []);
  if (kind === 'quotes') {
    for (const quote of gold.quotes) {
      const at = article.text.indexOf(quote.start);
      if (at < 0) continue;
      const found = facts.quotes.find((q) => q.start <= at && q.end > at);
      const paragraphStart = article.text.lastIndexOf('\n\n', at) + 2;
      const paragraphEnd = article.text.indexOf('\n\n', at);
      console.log(`${name}: gold ${quote.speaker} / ours ${found ? found.speaker : '(no quote)'}\n   ${article.text.slice(Math.max(paragraphStart, at - 300), paragraphEnd < 0 ? undefined : Math.min(paragraphEnd, at + 400))}\n`);
    }
  } else if (kind === 'entities') {
    console.log(name, facts.entities.map((e) => `${e.name}[${e.type}]`).join('; '));
    console.log('  gold:', gold.entities.map((e: { name: string; type: string }) => `${e.name}[${e.type}]`).join('; '));
  }
}
