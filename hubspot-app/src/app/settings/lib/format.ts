import { formatDate as formatDay } from '../../lib/format.ts';

/** Dates and numbers as admins read them; the settings page shows every time in UTC so that screens agree. */
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? `${DATE_TIME.format(new Date(iso))} UTC` : 'Never';
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? formatDay(iso) : 'Not set';
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined
    ? 'Not known'
    : value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Comma-separated text to a list, and back. */
export function listFromText(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function textFromList(items: readonly (string | number)[]): string {
  return items.join(', ');
}

/** Whether typed text is a number: `Number('')` is 0, which an empty field is not. */
export function isNumeric(text: string): boolean {
  return text !== '' && Number.isFinite(Number(text));
}
