import type { WorkingHours } from '@sdr/shared';

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formats = new Map<string, Intl.DateTimeFormat>();

/** The weekday (0 Sunday) and wall-clock time HH:MM at an instant in a time zone. */
export function wallClock(at: Date, timeZone: string): { day: number; time: string } {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return { day: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0, time: `${parts.hour}:${parts.minute}` };
}

/**
 * Whether an SDR works at this instant, in their own time zone (daylight saving included, by the platform's time
 * zone data). No hours set means no schedule: always available.
 */
export function isWithinHours(hours: WorkingHours[], timeZone: string, at: Date): boolean {
  if (hours.length === 0) return true;
  const { day, time } = wallClock(at, timeZone);
  return hours.some((interval) => interval.day === day && interval.start <= time && time < interval.end);
}
