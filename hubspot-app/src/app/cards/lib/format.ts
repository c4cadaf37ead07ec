import type { Money } from '@sdr/shared';

/** "£8,360": whole units, as reps talk about deal sizes. */
export function formatMoney(money: Money): string {
  try {
    return new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: money.currency,
      maximumFractionDigits: 0,
    }).format(money.amount);
  } catch {
    // An unknown currency code should not take the whole card down.
    return `${Math.round(money.amount).toLocaleString('en-GB')} ${money.currency}`;
  }
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

const UNITS: [limitMs: number, unitMs: number, unit: string][] = [
  [60 * 60_000, 60_000, 'minute'],
  [24 * 3_600_000, 3_600_000, 'hour'],
  [30 * 86_400_000, 86_400_000, 'day'],
  [365 * 86_400_000, 30 * 86_400_000, 'month'],
  [Infinity, 365 * 86_400_000, 'year'],
];

/** "2 hours ago"; clocks a little apart can put a fresh timestamp in the future, which still reads "just now". */
export function timeAgo(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'at an unknown time';
  const elapsed = now - then;
  if (elapsed < 60_000) return 'just now';
  for (const [limitMs, unitMs, unit] of UNITS) {
    if (elapsed < limitMs) {
      const count = Math.floor(elapsed / unitMs);
      return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
    }
  }
  return 'a long time ago';
}

/** Only web addresses become links: a source may name a place (the CRM) without one. */
export function webAddress(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Battlecards and suggestions are written in Markdown, and cards show text only: drop the emphasis marks and split
 * bullet lines from the rest so they can be shown as a list.
 */
export function markdownBlocks(markdown: string): { paragraphs: string[]; bullets: string[] } {
  const paragraphs: string[] = [];
  const bullets: string[] = [];
  for (const raw of markdown.split('\n')) {
    const line = plainText(raw).trim();
    if (!line) continue;
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    if (bullet) bullets.push(bullet[1]!);
    else paragraphs.push(line);
  }
  return { paragraphs, bullets };
}

export function plainText(markdown: string): string {
  return markdown
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/, '');
}
