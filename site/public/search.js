// Search for /search/: fetches search-index.json (written beside the site at publish time: the
// title and text of every story and entity page) and lists the pages that hold every word of the
// query, title matches first. Loaded from the site itself, as the CSP (script-src 'self') requires.
const form = document.querySelector('form[data-search-base]');
const input = document.getElementById('search-query');
const statusLine = document.getElementById('search-status');
const list = document.getElementById('search-results');
const base = form.dataset.searchBase;
const MAX_RESULTS = 20;
const EXCERPT_CHARS = 90;

const fold = (text) => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
const wordsOf = (text) => fold(text).match(/[\p{L}\p{N}$%]+/gu) ?? [];

let pages;
async function index() {
  if (!pages) {
    const response = await fetch(`${base}search-index.json`);
    if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
    pages = (await response.json()).pages.map((page) => ({ ...page, foldedTitle: fold(page.title), foldedText: fold(page.text) }));
  }
  return pages;
}

function score(page, words) {
  let total = 0;
  for (const word of words) {
    const inTitle = page.foldedTitle.includes(word);
    const inText = page.foldedText.includes(word);
    if (!inTitle && !inText) return 0;
    total += (inTitle ? 10 : 0) + (inText ? 1 : 0);
  }
  return total;
}

/** A stretch of the page's text around the first matching word, with the match in <mark>. */
function excerpt(page, words) {
  const paragraph = document.createElement('p');
  let at = -1;
  let word = '';
  for (const candidate of words) {
    const found = page.foldedText.indexOf(candidate);
    if (found !== -1 && (at === -1 || found < at)) [at, word] = [found, candidate];
  }
  if (at === -1) {
    paragraph.textContent = page.text.slice(0, EXCERPT_CHARS * 2);
    return paragraph;
  }
  // Folding keeps lengths for the Latin text these pages hold; the slices below rely on it.
  const start = Math.max(0, at - EXCERPT_CHARS);
  const end = Math.min(page.text.length, at + word.length + EXCERPT_CHARS);
  const mark = document.createElement('mark');
  mark.textContent = page.text.slice(at, at + word.length);
  paragraph.append(`${start > 0 ? '…' : ''}${page.text.slice(start, at)}`, mark, `${page.text.slice(at + word.length, end)}${end < page.text.length ? '…' : ''}`);
  return paragraph;
}

async function run(query) {
  list.replaceChildren();
  const words = wordsOf(query);
  if (words.length === 0) {
    statusLine.textContent = '';
    return;
  }
  statusLine.textContent = 'Searching…';
  try {
    const found = (await index())
      .map((page) => ({ page, score: score(page, words) }))
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score || a.page.title.localeCompare(b.page.title));
    statusLine.textContent =
      found.length === 0 ? `No results for “${query}”.` : `${found.length} result${found.length === 1 ? '' : 's'} for “${query}”.`;
    for (const { page } of found.slice(0, MAX_RESULTS)) {
      const item = document.createElement('li');
      const heading = document.createElement('h2');
      const link = document.createElement('a');
      link.href = page.url;
      link.textContent = page.title || page.url;
      heading.append(link);
      item.append(heading, excerpt(page, words));
      list.append(item);
    }
  } catch (error) {
    statusLine.textContent = 'Search is unavailable right now; browse all articles instead.';
    console.error(error);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set('q', input.value);
  history.replaceState(null, '', url);
  run(input.value);
});

const initial = new URLSearchParams(location.search).get('q');
if (initial) {
  input.value = initial;
  run(initial);
}
