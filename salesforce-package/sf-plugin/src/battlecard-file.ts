import { BattlecardCreate, CompetitorCreate } from '@sdr/shared';
import { pathOf, type FileProblem } from './json-file.ts';

/**
 * The file "sf sdr battlecards import" reads: competitors, each with its battlecards, in the contract's own
 * shapes (CompetitorCreate, and BattlecardCreate without competitorId, which the import fills in):
 *
 *   { "competitors": [ { "name": "…", "aliases": [], "products": [], "website": null,
 *                        "battlecards": [ { "title": "…", "sections": [ … ], "staleAfterDays": 90 } ] } ] }
 *
 * Competitors are matched by name and cards by title within their competitor, both ignoring case.
 */

export const BattlecardEntry = BattlecardCreate.omit({ competitorId: true });
export const CompetitorEntry = CompetitorCreate.extend({ battlecards: BattlecardEntry.array().max(50).default([]) });

export type BattlecardEntry = ReturnType<typeof BattlecardEntry.parse>;
export type CompetitorEntry = ReturnType<typeof CompetitorEntry.parse>;

const TOP_LEVEL = new Set(['$schema', 'description', 'competitors']);

export function parseBattlecardFile(
  json: unknown,
): { ok: true; competitors: CompetitorEntry[] } | { ok: false; problems: FileProblem[] } {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, problems: [{ path: '', message: 'expected an object with a "competitors" list' }] };
  }
  const problems: FileProblem[] = Object.keys(json)
    .filter((key) => !TOP_LEVEL.has(key))
    .map((key) => ({ path: key, message: 'unknown key; the file has "competitors" (and optionally "description")' }));
  const list = (json as { competitors?: unknown }).competitors;
  if (!Array.isArray(list) || list.length === 0) {
    problems.push({ path: 'competitors', message: 'expected a list of at least one competitor' });
    return { ok: false, problems };
  }
  const competitors: CompetitorEntry[] = [];
  list.forEach((item, index) => {
    const parsed = CompetitorEntry.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ path: pathOf(['competitors', index, ...issue.path]), message: issue.message });
      }
      return;
    }
    competitors.push(parsed.data);
  });
  problems.push(...duplicates(list));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, competitors };
}

// Names and titles are how the import finds what exists, so each may appear once.
function duplicates(list: unknown[]): FileProblem[] {
  const problems: FileProblem[] = [];
  const names = new Map<string, number>();
  list.forEach((item, index) => {
    const { name, battlecards } = (item ?? {}) as { name?: unknown; battlecards?: unknown };
    if (typeof name === 'string') {
      const key = name.trim().toLowerCase();
      const first = names.get(key);
      if (first !== undefined) {
        problems.push({ path: `competitors[${index}].name`, message: `${name} is also competitors[${first}]` });
      } else names.set(key, index);
    }
    if (!Array.isArray(battlecards)) return;
    const titles = new Map<string, number>();
    battlecards.forEach((card, cardIndex) => {
      const title = (card as { title?: unknown } | null)?.title;
      if (typeof title !== 'string') return;
      const key = title.trim().toLowerCase();
      const first = titles.get(key);
      if (first !== undefined) {
        problems.push({
          path: `competitors[${index}].battlecards[${cardIndex}].title`,
          message: `the competitor already has a card titled ${title} (battlecards[${first}])`,
        });
      } else titles.set(key, cardIndex);
    });
  });
  return problems;
}
