import MiniSearch from 'minisearch';
import type { BattlecardSearchHit, BattlecardSection, BattlecardSectionKey } from '@sdr/shared';
import type { PrismaClient } from '../../db/generated/client.ts';
import { competitorMatcher, type CompetitorMatcher } from '../../processors/call-analysis/competitor-mentions.ts';
import { tenantCache } from '../../tenancy/tenant-cache.ts';
import { isStale } from './battlecards.ts';

/**
 * What the assistant knows of a tenant's competitors: full-text search over their battlecards, and the matcher that
 * finds them in what was said. In the index every section's text and every item (an objection handler, a
 * landmine question, a talk track) is a document, so a hit points at the exact thing to say. Built with MiniSearch
 * (prefix and fuzzy matching, so "pricey" finds "price" and a misheard word still lands) and kept per tenant: the
 * live-call path searches on every segment and must not touch the database to do it. The index is rebuilt when the
 * tenant's cards or competitors change, noticed within a couple of seconds on any replica.
 */

export interface CardDocument {
  id: string;
  battlecardId: string;
  competitorId: string;
  competitorName: string;
  cardTitle: string;
  section: BattlecardSectionKey;
  sectionTitle: string;
  item: number | null;
  label: string | null;
  text: string;
  triggers: string[];
  /** The triggers as `phraseKey` writes them, for matching what was said without work per segment. */
  triggerKeys: string[];
  stale: boolean;
}

/** Lower case, apostrophes straightened, punctuation to spaces, padded: " too expensive " is found in a sentence. */
export function phraseKey(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^a-z0-9£$€%' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

type SearchOptions = { competitorId?: string; sections?: BattlecardSectionKey[]; limit?: number };

export interface CardIndex {
  /** The best matching documents, best first, with their scores. */
  find(query: string, options?: SearchOptions): { document: CardDocument; score: number }[];
  /** The same, as the API shows them. */
  search(query: string, options?: SearchOptions): BattlecardSearchHit[];
  /** Every document, for rules that look for trigger phrases rather than search. */
  readonly documents: readonly CardDocument[];
  /** Finds the tenant's competitors in what was said. */
  readonly matcher: CompetitorMatcher;
  readonly competitorNames: Map<string, string>;
}

const CHECK_EVERY_MS = 2_000;

function buildIndex(
  documents: CardDocument[],
  competitors: { id: string; name: string; aliases: string[]; products: string[] }[],
  matcher: CompetitorMatcher,
): CardIndex {
  const mini = new MiniSearch<CardDocument>({
    fields: ['label', 'text', 'triggersText', 'sectionTitle', 'cardTitle', 'competitorName'],
    storeFields: ['id'],
    extractField: (document, field) =>
      field === 'triggersText'
        ? document.triggers.join(' ')
        : ((document as unknown as Record<string, string | null>)[field] ?? ''),
    searchOptions: { boost: { triggersText: 3, label: 2, sectionTitle: 1.2 }, prefix: true, fuzzy: 0.2 },
  });
  mini.addAll(documents);
  const byId = new Map(documents.map((document) => [document.id, document]));
  return {
    documents,
    matcher,
    competitorNames: new Map(competitors.map((competitor) => [competitor.id, competitor.name])),
    find(query, options = {}) {
      const results = mini.search(query, {
        filter: (result) => {
          const document = byId.get(result.id as string);
          if (!document) return false;
          if (options.competitorId && document.competitorId !== options.competitorId) return false;
          return !options.sections || options.sections.includes(document.section);
        },
      });
      return results
        .slice(0, options.limit ?? 10)
        .map((result) => ({ document: byId.get(result.id as string)!, score: Math.round(result.score * 1000) / 1000 }));
    },
    search(query, options = {}) {
      return this.find(query, options).map(({ document, score }) => ({
        battlecardId: document.battlecardId,
        competitorId: document.competitorId,
        cardTitle: document.cardTitle,
        section: document.section,
        sectionTitle: document.sectionTitle,
        item: document.item,
        label: document.label,
        text: document.text,
        score,
        stale: document.stale,
      }));
    },
  };
}

export function documentsOf(
  cards: { id: string; competitorId: string; title: string; sections: BattlecardSection[]; stale: boolean }[],
  competitorNames: Map<string, string>,
): CardDocument[] {
  const documents: CardDocument[] = [];
  for (const card of cards)
    for (const section of card.sections) {
      const common = {
        battlecardId: card.id,
        competitorId: card.competitorId,
        competitorName: competitorNames.get(card.competitorId) ?? '',
        cardTitle: card.title,
        section: section.key,
        sectionTitle: section.title,
        stale: card.stale,
      };
      if (section.body.trim())
        documents.push({
          ...common,
          id: `${card.id}:${section.key}`,
          item: null,
          label: null,
          text: section.body,
          triggers: [],
          triggerKeys: [],
        });
      section.items.forEach((item, index) =>
        documents.push({
          ...common,
          id: `${card.id}:${section.key}:${index}`,
          item: index,
          label: item.label,
          text: item.text,
          triggers: item.triggers,
          triggerKeys: item.triggers.map(phraseKey),
        }),
      );
    }
  return documents;
}

interface Cached {
  stamp: string;
  competitors: string;
  checkedAt: number;
  index: CardIndex;
}

/** The per-tenant indexes of one process. */
export class CardIndexes {
  private readonly cache = tenantCache<Cached>();
  private readonly loading = new Map<string, Promise<CardIndex>>();
  private readonly prisma: PrismaClient;
  private readonly now: () => Date;

  constructor(prisma: PrismaClient, now: () => Date) {
    this.prisma = prisma;
    this.now = now;
  }

  /** The tenant's index, rebuilt if its cards changed since it was built (looked at every two seconds). */
  async forTenant(tenantId: string): Promise<CardIndex> {
    const cached = this.cache.get(tenantId);
    if (cached && Date.now() - cached.checkedAt < CHECK_EVERY_MS) return cached.index;
    const pending = this.loading.get(tenantId);
    if (pending) return pending;
    const load = this.load(tenantId, cached).finally(() => this.loading.delete(tenantId));
    this.loading.set(tenantId, load);
    return load;
  }

  /** After a write in this process: the next search looks at once (and rebuilds if anything changed). */
  forget(tenantId: string): void {
    const cached = this.cache.get(tenantId);
    if (cached) cached.checkedAt = 0;
  }

  private async load(tenantId: string, cached: Cached | undefined): Promise<CardIndex> {
    const stamp = await this.stampOf(tenantId);
    if (cached && cached.stamp === stamp) {
      cached.checkedAt = Date.now();
      return cached.index;
    }
    const [cards, competitors] = await Promise.all([
      this.prisma.battlecard.findMany({ where: { tenantId } }),
      this.prisma.competitor.findMany({
        where: { tenantId },
        select: { id: true, name: true, aliases: true, products: true },
      }),
    ]);
    const now = this.now();
    const competitorsKey = JSON.stringify(competitors);
    const index = buildIndex(
      documentsOf(
        cards.map((card) => ({
          id: card.id,
          competitorId: card.competitorId,
          title: card.title,
          sections: card.sections as BattlecardSection[],
          stale: isStale(card.reviewedAt, card.staleAfterDays, now),
        })),
        new Map(competitors.map((competitor) => [competitor.id, competitor.name])),
      ),
      competitors,
      // Kept while the competitors stay the same: live calls rebuild their state when the matcher changes.
      cached && cached.competitors === competitorsKey ? cached.index.matcher : competitorMatcher(competitors),
    );
    this.cache.set(tenantId, { stamp, competitors: competitorsKey, checkedAt: Date.now(), index });
    return index;
  }

  /** Changes whenever a card or competitor is added, changed or removed. */
  private async stampOf(tenantId: string): Promise<string> {
    const [row] = await this.prisma.$queryRaw<{ stamp: string }[]>`
      SELECT concat_ws('|',
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Battlecard" WHERE "tenantId" = ${tenantId}),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Competitor" WHERE "tenantId" = ${tenantId})
      ) AS stamp`;
    // Cards turn stale with time alone: the day is part of the stamp.
    return `${row?.stamp ?? ''}|${this.now().toISOString().slice(0, 10)}`;
  }
}
