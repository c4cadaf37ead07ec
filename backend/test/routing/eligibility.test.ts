import { skipReason, type Sdr } from '../../src/agents/routing/eligibility.ts';
import { isWithinHours, wallClock } from '../../src/agents/routing/working-hours.ts';

const weekdays9to5 = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));
const sdr = (over: Partial<Sdr> = {}): Sdr => ({
  id: 'ana',
  active: true,
  timeZone: 'Europe/London',
  workingHours: weekdays9to5,
  languages: ['en', 'de-DE'],
  skills: ['telematics'],
  capacity: 10,
  dailyCap: 5,
  weight: 1,
  outOfOffice: [],
  pausedUntil: null,
  ...over,
});
const idle = { openLeads: 0, assignedToday: 0 };
const needs = { language: null, skills: [] };
// Tuesday 24 November 2026, 10:30 in London (UTC in winter).
const tuesdayMorning = new Date('2026-11-24T10:30:00Z');

describe('working hours', () => {
  it('reads the wall clock in the SDR’s own time zone, daylight saving included', () => {
    expect(wallClock(new Date('2026-11-24T10:30:00Z'), 'Europe/London')).toEqual({ day: 2, time: '10:30' });
    expect(wallClock(new Date('2026-07-14T10:30:00Z'), 'Europe/London')).toEqual({ day: 2, time: '11:30' });
    expect(wallClock(new Date('2026-11-24T03:30:00Z'), 'America/Chicago')).toEqual({ day: 1, time: '21:30' });
  });

  it('is open inside an interval, closed at its end and on days off; no schedule means always', () => {
    expect(isWithinHours(weekdays9to5, 'Europe/London', tuesdayMorning)).toBe(true);
    expect(isWithinHours(weekdays9to5, 'Europe/London', new Date('2026-11-24T17:00:00Z'))).toBe(false);
    expect(isWithinHours(weekdays9to5, 'Europe/London', new Date('2026-11-28T10:30:00Z'))).toBe(false);
    expect(isWithinHours(weekdays9to5, 'America/New_York', tuesdayMorning)).toBe(false);
    expect(isWithinHours([{ day: 2, start: '22:00', end: '24:00' }], 'UTC', new Date('2026-11-24T23:59:00Z'))).toBe(
      true,
    );
    expect(isWithinHours([], 'UTC', tuesdayMorning)).toBe(true);
  });
});

describe('eligibility', () => {
  it('takes an available SDR', () => {
    expect(skipReason(sdr(), needs, idle, tuesdayMorning)).toBeNull();
  });

  it.each([
    ['inactive', sdr({ active: false }), needs, idle],
    ['inactive', sdr({ weight: 0 }), needs, idle],
    ['paused', sdr({ pausedUntil: new Date('2026-11-25T00:00:00Z') }), needs, idle],
    [
      'out_of_office',
      sdr({ outOfOffice: [{ start: new Date('2026-11-23T00:00:00Z'), end: new Date('2026-11-30T00:00:00Z') }] }),
      needs,
      { openLeads: 99, assignedToday: 99 },
    ],
    ['outside_hours', sdr({ timeZone: 'Asia/Tokyo' }), needs, idle],
    ['lacks_language', sdr(), { language: 'fr-FR', skills: [] }, idle],
    ['lacks_skill', sdr(), { language: null, skills: ['Dashcams'] }, idle],
    ['at_daily_cap', sdr(), needs, { openLeads: 0, assignedToday: 5 }],
    ['at_open_cap', sdr(), needs, { openLeads: 10, assignedToday: 0 }],
  ])('skips for %s', (reason, who, lead, load) => {
    expect(skipReason(who, lead, load, tuesdayMorning)).toBe(reason);
  });

  it('matches languages by their primary subtag and skills regardless of case', () => {
    expect(skipReason(sdr(), { language: 'de-AT', skills: ['Telematics'] }, idle, tuesdayMorning)).toBeNull();
    expect(skipReason(sdr({ pausedUntil: new Date('2026-11-24T10:00:00Z') }), needs, idle, tuesdayMorning)).toBeNull();
  });
});
