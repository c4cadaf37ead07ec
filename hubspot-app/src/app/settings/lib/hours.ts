import type { OutOfOffice, WorkingHours } from '@sdr/shared';

export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The week as one start and end time on chosen days: how most rosters are kept. */
export interface Week {
  days: number[];
  start: string;
  end: string;
}

export function weekOf(hours: WorkingHours[]): Week {
  const first = hours[0];
  return {
    days: [...new Set(hours.map((interval) => interval.day))].sort(),
    start: first?.start ?? '09:00',
    end: first?.end ?? '17:00',
  };
}

export function hoursOf(week: Week): WorkingHours[] {
  return [...week.days].sort().map((day) => ({ day, start: week.start.trim(), end: week.end.trim() }));
}

/** True when the hours differ by day, which the one-line week cannot show: the editor then leaves them alone. */
export function hasSplitHours(hours: WorkingHours[]): boolean {
  return (
    new Set(hours.map((interval) => `${interval.start}-${interval.end}`)).size > 1 ||
    hours.length > new Set(hours.map((h) => h.day)).size
  );
}

/** Leave is entered as whole days (YYYY-MM-DD, UTC), from the first day off to the day back. */
export function leaveToText(period: OutOfOffice): { start: string; end: string } {
  return { start: period.start.slice(0, 10), end: period.end.slice(0, 10) };
}

export function leaveFromText(period: { start: string; end: string }): OutOfOffice {
  const at = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date.trim()) ? `${date.trim()}T00:00:00.000Z` : date.trim());
  return { start: at(period.start), end: at(period.end) };
}
