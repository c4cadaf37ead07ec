import { misspellingEdits, MIN_FUZZY_LENGTH } from './misspelling.ts';
import type { Competitor } from './segment.ts';
import { termWords, wordTokens, type WordToken } from './word-tokens.ts';

export type TermSource = 'name' | 'alias' | 'product';

export interface Mention {
  competitorId: string;
  /** The configured name, alias or product that matched, as configured. */
  term: string;
  /** The words as they appear in the text, possessive ending included. */
  match: string;
  via: TermSource | 'misspelling';
  confidence: number;
  /** Offset of `match` in the text. */
  index: number;
}

export interface CompetitorMatcher {
  find(text: string): Mention[];
}

/** Legal forms dropped from the end of names and tolerated after a name in the text ("Trakwell Telematics Ltd"). */
const LEGAL_ABBREVIATIONS = new Set(['ltd', 'plc', 'llc', 'llp', 'lp', 'inc', 'corp', 'co', 'gmbh', 'pty', 'bv', 'nv']);
/** Spelled-out forms are ordinary words too ("Trakwell limited our options"), so in the text only capitalised. */
const LEGAL_WORDS = new Set(['limited', 'incorporated', 'corporation']);

/** Terms whose letters, all told, number this many or fewer match only exactly (and acronyms only in capitals). */
const SHORT_TERM = 3;

/** Bounds the per-matcher memory of how each distinct word resolves; a long call repeats most of its words. */
const RESOLUTION_CACHE_SIZE = 20_000;

const SOURCE_RANK: Record<TermSource, number> = { name: 0, product: 1, alias: 2 };

interface TermEntry {
  competitorId: string;
  term: string;
  source: TermSource;
  /** For short all-capital terms ("TWT"): the capitals the text must show. */
  acronym: string | null;
  order: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  terms: TermEntry[];
}

/** A configured word that a word of the text may stand for, and the edits that took. */
interface Resolution {
  word: string;
  edits: number;
}

interface Candidate {
  entry: TermEntry;
  first: number;
  last: number;
  edits: number;
  words: number;
}

function trieNode(): TrieNode {
  return { next: new Map(), terms: [] };
}

function isLegalSuffix(word: string): boolean {
  return LEGAL_ABBREVIATIONS.has(word) || LEGAL_WORDS.has(word);
}

const CAMEL_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})/u;

/**
 * The word sequences a term may appear as. Its own words; for a multi-word term also the words run together
 * ("Route Line" as "routeline"); for a camel-case word ("TrakWell", "DashCam") also its parts, since that is a
 * name written as two words. A single word is never split freely: "Trakwell" does not match "track well" or
 * "trak well" unless an alias lists the two-word form, which is what keeps ordinary phrases out.
 */
function termVariants(tokens: WordToken[]): string[][] {
  const words = tokens.map((t) => t.norm);
  const variants = [words];
  if (words.length > 1) variants.push([words.join('')]);
  const split = tokens.flatMap((t) => t.raw.split(CAMEL_BOUNDARY)).map((w) => w.toLowerCase());
  if (split.length > words.length) variants.push(split);
  return variants;
}

function singulars(word: string): string[] {
  if (word.length <= 3 || !word.endsWith('s') || word.endsWith('ss')) return [];
  return word.endsWith('es') ? [word.slice(0, -1), word.slice(0, -2)] : [word.slice(0, -1)];
}

function confidenceOf(candidate: Candidate): number {
  const { entry, edits, words } = candidate;
  const base = entry.acronym ? 0.9 : entry.source === 'alias' ? 0.95 : 1;
  if (edits === 0) return base;
  // The exactly matched words of a longer term ("Trackwell Fleet") make its misspelt word more believable.
  const fuzzy = (edits === 1 ? 0.75 : 0.55) + (words > 1 ? 0.1 : 0);
  return Math.round(base * fuzzy * 100) / 100;
}

/**
 * Compiles a tenant's competitor list once into a trie of words, so that each segment is read in one pass over
 * its words: at every word, only the terms that start with it are followed. Matching is case-insensitive and on
 * word boundaries, tolerates spacing and hyphen variants, possessives and plurals, legal suffixes on names, and
 * misspellings of words of five letters or more (see misspelling.ts), at lower confidence. Overlapping matches
 * keep the longest, then the most exact; a term shared by two competitors goes to the first listed.
 */
export function competitorMatcher(competitors: Competitor[]): CompetitorMatcher {
  const root = trieNode();
  const vocabulary = new Set<string>();
  let order = 0;

  const add = (words: string[], entry: TermEntry) => {
    let node = root;
    for (const word of words) {
      vocabulary.add(word);
      let child = node.next.get(word);
      if (!child) node.next.set(word, (child = trieNode()));
      node = child;
    }
    node.terms.push(entry);
  };

  for (const competitor of competitors) {
    const terms: [string, TermSource][] = [
      [competitor.name, 'name'],
      ...competitor.products.map((p): [string, TermSource] => [p, 'product']),
      ...competitor.aliases.map((a): [string, TermSource] => [a, 'alias']),
    ];
    for (const [term, source] of terms) {
      let tokens = termWords(term);
      if (source === 'name')
        while (tokens.length > 1 && isLegalSuffix(tokens.at(-1)!.norm)) tokens = tokens.slice(0, -1);
      if (tokens.length === 0) continue;
      const letters = tokens.map((t) => t.raw).join('');
      const short = letters.length <= SHORT_TERM;
      const acronym = short && /\p{Lu}/u.test(letters) && letters === letters.toUpperCase() ? letters : null;
      const entry: TermEntry = { competitorId: competitor.id, term, source, acronym, order: order++ };
      for (const words of short ? [tokens.map((t) => t.norm)] : termVariants(tokens)) add(words, entry);
    }
  }

  // Misspellings keep the first letter and the length within one (misspelling.ts), so only those words are compared:
  // words by first letter, then by length.
  const byShape = new Map<string, string[][]>();
  for (const word of vocabulary) {
    if (word.length < MIN_FUZZY_LENGTH) continue;
    const byLength = byShape.get(word[0]!) ?? [];
    (byLength[word.length] ??= []).push(word);
    byShape.set(word[0]!, byLength);
  }

  const fuzzy = (form: string, found: Resolution[]) => {
    const byLength = byShape.get(form[0]!);
    if (!byLength) return;
    for (let length = form.length - 1; length <= form.length + 1; length++)
      for (const candidate of byLength[length] ?? []) {
        const edits = misspellingEdits(form, candidate);
        if (edits !== null && !found.some((f) => f.word === candidate)) found.push({ word: candidate, edits });
      }
  };

  const NONE: Resolution[] = [];
  const cache = new Map<string, Resolution[]>();
  const resolve = (word: string): Resolution[] => {
    const short = word.length < MIN_FUZZY_LENGTH;
    const cached = short ? undefined : cache.get(word);
    if (cached) return cached;
    let found = NONE;
    const singular = singulars(word);
    if (vocabulary.has(word)) found = [{ word, edits: 0 }];
    for (const form of singular) if (vocabulary.has(form)) found = [...found, { word: form, edits: 0 }];
    // Short words cannot be misspellings, so they need no memory: set lookups are as cheap as the cache.
    if (short) return found;
    if (found === NONE) found = [];
    fuzzy(word, found);
    for (const form of singular) fuzzy(form, found);
    if (cache.size >= RESOLUTION_CACHE_SIZE) cache.clear();
    cache.set(word, found.length > 0 ? found : NONE);
    return found;
  };

  return {
    find(text: string): Mention[] {
      const tokens = wordTokens(text);
      const candidates: Candidate[] = [];

      // A word, or a hyphenated compound read as one word ("Trak-Well" as "trakwell"), starting at token `i`.
      const unitsAt = (i: number): { last: number; word: string }[] => {
        const units = [{ last: i, word: tokens[i]!.norm }];
        let word = tokens[i]!.norm;
        for (let j = i + 1; j < tokens.length && j - i < 4 && tokens[j]!.hyphenated; j++) {
          word += tokens[j]!.norm;
          units.push({ last: j, word });
        }
        return units;
      };

      const walk = (first: number, last: number, node: TrieNode, edits: number, words: number) => {
        for (const entry of node.terms) {
          if (entry.acronym) {
            if (edits > 0) continue;
            const raw = tokens
              .slice(first, last + 1)
              .map((t) => t.raw)
              .join('');
            if (raw !== entry.acronym && raw !== `${entry.acronym}s`) continue;
          }
          candidates.push({ entry, first, last, edits, words });
        }
        const next = last + 1;
        if (node.next.size === 0 || next >= tokens.length || !tokens[next]!.joinsPrevious) return;
        for (const unit of unitsAt(next))
          for (const r of resolve(unit.word)) {
            const child = node.next.get(r.word);
            if (child) walk(first, unit.last, child, edits + r.edits, words + 1);
          }
      };

      for (let i = 0; i < tokens.length; i++)
        for (const unit of unitsAt(i))
          for (const r of resolve(unit.word)) {
            const node = root.next.get(r.word);
            if (node) walk(i, unit.last, node, r.edits, 1);
          }
      if (candidates.length === 0) return [];

      const extent = (c: Candidate) => tokens[c.last]!.end - tokens[c.first]!.start;
      candidates.sort(
        (a, b) =>
          extent(b) - extent(a) ||
          a.edits - b.edits ||
          SOURCE_RANK[a.entry.source] - SOURCE_RANK[b.entry.source] ||
          a.entry.order - b.entry.order,
      );
      const taken = new Uint8Array(tokens.length);
      const mentions: Mention[] = [];
      for (const c of candidates) {
        if (taken.subarray(c.first, c.last + 1).some((t) => t === 1)) continue;
        taken.fill(1, c.first, c.last + 1);
        let last = c.last;
        if (c.entry.source !== 'product')
          while (last + 1 < tokens.length && tokens[last + 1]!.joinsPrevious && !taken[last + 1]) {
            const next = tokens[last + 1]!;
            const legal =
              LEGAL_ABBREVIATIONS.has(next.norm) || (LEGAL_WORDS.has(next.norm) && /^\p{Lu}/u.test(next.raw));
            if (!legal) break;
            taken[++last] = 1;
          }
        const start = tokens[c.first]!.start;
        mentions.push({
          competitorId: c.entry.competitorId,
          term: c.entry.term,
          match: text.slice(start, tokens[last]!.end),
          via: c.edits > 0 ? 'misspelling' : c.entry.source,
          confidence: confidenceOf(c),
          index: start,
        });
      }
      return mentions.sort((a, b) => a.index - b.index);
    },
  };
}
