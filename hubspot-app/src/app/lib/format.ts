const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "24 Nov 2026" for a timestamp (the day as the service wrote it) or a calendar day (YYYY-MM-DD). Spelt out here
 * rather than by Intl, whose short month names differ between runtimes ("Sep" or "Sept").
 */
export function formatDate(value: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!day || Number.isNaN(Date.parse(value))) return value;
  return `${Number(day[3])} ${MONTHS[Number(day[2]) - 1]} ${day[1]}`;
}
