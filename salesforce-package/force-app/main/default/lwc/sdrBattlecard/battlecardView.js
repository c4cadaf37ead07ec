import { readJson, UnreadableResponse } from 'c/sdrErrors';
// Turns what SdrBattlecardController returns into what the template shows, so the template stays free of logic
// and the rules (ordering, wording, how card text is laid out) can be read in one place.

export const UNREADABLE_MESSAGE = 'The SDR service sent battlecards this panel cannot read. Try again in a minute.';
export const LOAD_FAILED = 'Something went wrong loading the battlecards. Try again in a minute.';
export const SEARCH_FAILED = 'Searching the battlecards did not work. Try again in a minute.';

/** Fewer characters match nearly everything; the controller refuses more than its limit. */
export const MIN_QUERY_LENGTH = 2;
export const MAX_QUERY_LENGTH = 200;

const SNIPPET_LENGTH = 160;

const isString = (value) => typeof value === 'string';

function isSection(section) {
  return !!section && isString(section.title) && isString(section.body) && Array.isArray(section.items);
}

function isCard(card) {
  return (
    !!card &&
    isString(card.id) &&
    isString(card.title) &&
    Array.isArray(card.sections) &&
    card.sections.every(isSection)
  );
}

function isCompetitorInPlay(entry) {
  return (
    !!entry &&
    !!entry.competitor &&
    isString(entry.competitor.id) &&
    isString(entry.competitor.name) &&
    Array.isArray(entry.cards) &&
    entry.cards.every(isCard) &&
    !!entry.mentions &&
    typeof entry.mentions.calls === 'number' &&
    Array.isArray(entry.mentions.deals)
  );
}

function isHit(hit) {
  return (
    !!hit &&
    isString(hit.battlecardId) &&
    isString(hit.competitorId) &&
    isString(hit.cardTitle) &&
    isString(hit.sectionTitle) &&
    isString(hit.text)
  );
}

/**
 * The controller returns JSON text; a payload of another shape surfaces as a readable message instead of a
 * JavaScript error in the rep's face.
 * @returns {{ status: 'not_synced' } | { status: 'ok', inPlay: { data: object[] } }}
 */
export function parseInPlay(raw) {
  const response = readJson(raw, UNREADABLE_MESSAGE);
  if (response && response.status === 'not_synced') {
    return { status: 'not_synced' };
  }
  const inPlay = response && response.status === 'ok' ? response.inPlay : undefined;
  if (inPlay && Array.isArray(inPlay.data) && inPlay.data.every(isCompetitorInPlay)) {
    return { status: 'ok', inPlay };
  }
  throw new UnreadableResponse(UNREADABLE_MESSAGE);
}

/** The hits of a searchCards answer, best first as the service ranks them. */
export function parseSearch(raw) {
  const response = readJson(raw, UNREADABLE_MESSAGE);
  const results = response && response.status === 'ok' ? response.results : undefined;
  if (results && Array.isArray(results.data) && results.data.every(isHit)) {
    return results.data;
  }
  throw new UnreadableResponse(UNREADABLE_MESSAGE);
}

// Cards are written in Markdown, but the panel shows them as plain text so nothing in a card can become markup on
// the page; the markers that would otherwise show as clutter are dropped.
function plain(line) {
  return line
    .replace(/^#{1,6}\s+/, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)');
}

const BULLET = /^(?:[-*+•])\s+(.*)$/;

/**
 * A card's text as blocks: one paragraph per line, so the author's line breaks survive, and runs of "- " lines
 * as bullet lists.
 */
export function textBlocks(text, keyPrefix = 'block') {
  const blocks = [];
  let list;
  (text || '').split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') {
      list = undefined;
      return;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      if (!list) {
        list = { key: `${keyPrefix}-${index}`, isList: true, lines: [] };
        blocks.push(list);
      }
      list.lines.push({ key: `${keyPrefix}-${index}`, text: plain(bullet[1]) });
    } else {
      list = undefined;
      blocks.push({ key: `${keyPrefix}-${index}`, isList: false, text: plain(line) });
    }
  });
  return blocks;
}

/** An item's text line by line; an item is already a bullet, so its own list markers become plain bullets. */
function itemLines(text, keyPrefix) {
  return (text || '')
    .split(/\r?\n/)
    .map((raw) => raw.trim())
    .filter((line) => line !== '')
    .map((line, index) => {
      const bullet = BULLET.exec(line);
      return { key: `${keyPrefix}-${index}`, text: bullet ? `\u2022 ${plain(bullet[1])}` : plain(line) };
    });
}

function itemView(item, key, isMatch = false) {
  return {
    key,
    label: item.label ? plain(item.label) : '',
    lines: itemLines(item.text, key),
    isMatch,
    itemClass: isMatch ? 'item item_match' : 'item',
  };
}

function markMatch(item, isMatch) {
  return isMatch ? { ...item, isMatch: true, matchNote: 'Matches your search: ', itemClass: 'item item_match' } : item;
}

function sectionView(section, cardId, index) {
  const key = `${cardId}-${section.key || index}`;
  return {
    key,
    sectionKey: section.key,
    title: section.title,
    blocks: textBlocks(section.body, `${key}-body`),
    items: section.items.map((item, itemIndex) => itemView(item, `${key}-item-${itemIndex}`)),
    hasItems: section.items.length > 0,
  };
}

function cardView(card) {
  return {
    id: card.id,
    title: card.title,
    isStale: card.stale === true,
    // Template text next to an element loses its spaces, so the space before the date travels in the value.
    reviewedLabel: card.stale === true ? 'Last reviewed ' : 'Reviewed ',
    reviewedAt: Date.parse(card.reviewedAt),
    sections: card.sections.map((section, index) => sectionView(section, card.id, index)),
  };
}

const plural = (count, one, many) => (count === 1 ? `1 ${one}` : `${count} ${many}`);

/** Why a competitor is on this record's panel, in the rep's words. */
function reasons(mentions, onDeal) {
  const lines = [];
  if (mentions.calls > 0) {
    const lastAt = mentions.lastAt ? Date.parse(mentions.lastAt) : undefined;
    const named = `Named on ${plural(mentions.calls, 'call', 'calls')}`;
    lines.push({ key: 'calls', text: lastAt ? `${named}, last ` : named, lastAt });
  }
  if (mentions.deals.length > 0) {
    // On an opportunity's page the service only looks at that opportunity, so every listing is this deal's.
    const text = onDeal ? 'Listed on this deal' : `Listed on ${plural(mentions.deals.length, 'deal', 'deals')}`;
    lines.push({ key: 'deals', text });
  }
  return lines;
}

/**
 * The competitors in play, most recently named first and those only a deal lists after, as the service orders
 * them; sorting again keeps that true if it ever does not.
 */
export function toCompetitors(inPlay, { onDeal = false } = {}) {
  return inPlay.data
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      const left = a.entry.mentions.lastAt || '';
      const right = b.entry.mentions.lastAt || '';
      return right.localeCompare(left) || a.index - b.index;
    })
    .map(({ entry }) => {
      const cards = entry.cards.map(cardView);
      const isStale = cards.some((card) => card.isStale);
      return {
        id: entry.competitor.id,
        name: entry.competitor.name,
        aliases: (entry.competitor.aliases || []).join(', '),
        reasons: reasons(entry.mentions, onDeal),
        cards,
        hasCards: cards.length > 0,
        // The tab shows the warning too, so a stale card is noticed before the tab is opened.
        tabIcon: isStale ? 'utility:warning' : undefined,
        tabIconText: isStale ? 'Stale battlecard' : undefined,
      };
    });
}

function snippet(text) {
  const flat = text
    .split(/\r?\n/)
    .map((line) => {
      const bullet = BULLET.exec(line.trim());
      return plain(bullet ? bullet[1] : line.trim());
    })
    .filter((line) => line !== '')
    .join(' ');
  if (flat.length <= SNIPPET_LENGTH) {
    return flat;
  }
  const cut = flat.slice(0, SNIPPET_LENGTH);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > SNIPPET_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}\u2026`;
}

const hitKey = (hit) => `${hit.battlecardId}:${hit.section}:${hit.item === null ? 'text' : hit.item}`;

/**
 * Search hits as the list shows them. A hit names its competitor only by id, so the name comes from the
 * competitors in play; for others the card's title says whose card it is.
 */
export function toHits(hits, competitors) {
  const names = new Map(competitors.map((competitor) => [competitor.id, competitor.name]));
  return hits.map((hit) => ({
    key: hitKey(hit),
    competitor: names.get(hit.competitorId) || hit.cardTitle,
    section: hit.label ? `${hit.sectionTitle}: ${plain(hit.label)}` : hit.sectionTitle,
    snippet: snippet(hit.text),
    isStale: hit.stale === true,
    staleNote: hit.stale === true ? ' (stale)' : '',
    hit,
  }));
}

/**
 * The card section a hit points at. When the card is in play the whole section is known and shown, the matching
 * item marked; otherwise only the matching text is (the hit carries nothing more).
 */
export function chosenSection(hit, competitors) {
  const competitor = competitors.find((candidate) => candidate.id === hit.competitorId);
  const card = competitor && competitor.cards.find((candidate) => candidate.id === hit.battlecardId);
  const section = card && card.sections.find((candidate) => candidate.sectionKey === hit.section);
  const chosen = {
    key: hitKey(hit),
    competitorId: competitor ? competitor.id : undefined,
    title: hit.sectionTitle,
    source: competitor ? `${competitor.name} \u00b7 ${hit.cardTitle}` : hit.cardTitle,
    isStale: card ? card.isStale : hit.stale === true,
    reviewedAt: card ? card.reviewedAt : undefined,
    reviewedLabel: card ? card.reviewedLabel : '',
    isPartial: !section,
  };
  if (section) {
    const items = section.items.map((item, index) => markMatch(item, index === hit.item));
    return { ...chosen, blocks: section.blocks, items, hasItems: items.length > 0 };
  }
  if (hit.item === null || hit.item === undefined) {
    return { ...chosen, blocks: textBlocks(hit.text, `${chosen.key}-body`), items: [], hasItems: false };
  }
  const item = itemView({ label: hit.label, text: hit.text }, `${chosen.key}-item`, true);
  return { ...chosen, blocks: [], items: [item], hasItems: true };
}
