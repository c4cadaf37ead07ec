import type { WorkingHours } from '@sdr/shared';

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formats = new Map<string, Intl.DateTimeFormat>();

/** The instant's wall-clock parts in the zone; formatters are costly to build, so each is built once. */
function partsIn(at: Date, timeZone: string, fields: 'weekday' | 'date'): Record<string, string> {
  const key = `${fields} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    const day: Intl.DateTimeFormatOptions =
      fields === 'weekday' ? { weekday: 'short' } : { year: 'numeric', month: 'numeric', day: 'numeric' };
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      ...day,
      hour: '2-digit',
      minute: '2-digit',
      ...(fields === 'date' ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    });
    formats.set(key, format);
  }
  return Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
}

/** The weekday (0 Sunday) and wall-clock time HH:MM at an instant in a time zone. */
export function wallClock(at: Date, timeZone: string): { day: number; time: string } {
  const parts = partsIn(at, timeZone, 'weekday');
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

/** The instant read as a wall clock in the zone, written as if that wall clock were UTC. */
function wallAsUtc(at: Date, timeZone: string): number {
  const parts = partsIn(at, timeZone, 'date');
  const n = (type: string) => Number(parts[type]);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
}

/**
 * When the day that contains `at` began in the zone: daily caps count an SDR's own day, not London's or UTC's.
 * The zone's offset is read at the guessed midnight itself, so a daylight-saving change earlier that day is right.
 */
export function startOfDay(at: Date, timeZone: string): Date {
  const second = Math.floor(at.getTime() / 1000) * 1000;
  const wall = wallAsUtc(at, timeZone);
  const midnight = wall - (((wall % 86_400_000) + 86_400_000) % 86_400_000);
  let guess = midnight - (wall - second);
  guess = midnight - (wallAsUtc(new Date(guess), timeZone) - guess);
  return new Date(guess);
}
