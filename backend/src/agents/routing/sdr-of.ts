import type { WorkingHours } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import type { Sdr } from './eligibility.ts';

/** What routing needs of a roster row. */
export function sdrOf(user: Prisma.UserGetPayload<object>): Sdr {
  const periods = Array.isArray(user.outOfOffice) ? (user.outOfOffice as { start: string; end: string }[]) : [];
  return {
    id: user.id,
    active: user.active,
    timeZone: user.timeZone,
    workingHours: user.workingHours as WorkingHours[],
    languages: user.languages,
    skills: user.skills,
    capacity: user.capacity,
    dailyCap: user.dailyCap,
    weight: user.weight,
    outOfOffice: periods.map((period) => ({ start: new Date(period.start), end: new Date(period.end) })),
    pausedUntil: user.pausedUntil,
  };
}
