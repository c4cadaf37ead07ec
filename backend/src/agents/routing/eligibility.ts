import type { SkipReason, WorkingHours } from '@sdr/shared';
import { isWithinHours } from './working-hours.ts';

/** What routing knows of an SDR when it decides. */
export interface Sdr {
  id: string;
  active: boolean;
  timeZone: string;
  workingHours: WorkingHours[];
  languages: string[];
  skills: string[];
  capacity: number;
  dailyCap: number;
  weight: number;
  /** Leave, holidays: no leads during these periods. */
  outOfOffice: { start: Date; end: Date }[];
  /** Paused by a manager until then (or for good when far ahead). */
  pausedUntil: Date | null;
}

export interface SdrLoad {
  openLeads: number;
  assignedToday: number;
}

/** What the lead needs of whoever takes it. */
export interface LeadNeeds {
  /** A BCP 47 tag; only its language part is compared ("de-AT" is served by "de"). */
  language: string | null;
  skills: string[];
}

const primary = (tag: string) => tag.toLowerCase().split('-')[0] ?? '';

/**
 * Why an SDR cannot take the lead now, or null when they can. Checked in a fixed order, so the reason given is the
 * most basic one: someone on leave is "out of office" even if they are also at their cap.
 */
export function skipReason(sdr: Sdr, needs: LeadNeeds, load: SdrLoad, at: Date): SkipReason | null {
  if (!sdr.active || sdr.weight <= 0) return 'inactive';
  if (sdr.pausedUntil && sdr.pausedUntil > at) return 'paused';
  if (sdr.outOfOffice.some((period) => period.start <= at && at < period.end)) return 'out_of_office';
  if (!isWithinHours(sdr.workingHours, sdr.timeZone, at)) return 'outside_hours';
  if (needs.language && !sdr.languages.some((tag) => primary(tag) === primary(needs.language!)))
    return 'lacks_language';
  const skills = new Set(sdr.skills.map((skill) => skill.toLowerCase()));
  if (needs.skills.some((skill) => !skills.has(skill.toLowerCase()))) return 'lacks_skill';
  if (load.assignedToday >= sdr.dailyCap) return 'at_daily_cap';
  if (load.openLeads >= sdr.capacity) return 'at_open_cap';
  return null;
}
