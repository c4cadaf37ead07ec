import { randomUUID } from 'node:crypto';
import type { WorkingHours } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import { ascii } from './ascii.ts';
import { daysAgo } from './dates.ts';
import type { SeedContext } from './random.ts';
import { TEAM, type TeamMember } from './reference-data/team.ts';
import { STAFF_DOMAIN } from './tenant.ts';

export interface SeededUser {
  row: Prisma.UserCreateManyInput & { id: string };
  member: TeamMember;
}

export function buildUsers(ctx: SeedContext): SeededUser[] {
  return TEAM.map((member) => {
    const [first = '', last = ''] = member.name.split(' ');
    const workingHours: WorkingHours[] = [1, 2, 3, 4, 5].map((day) => ({
      day,
      start: member.hours.start,
      end: day === 5 && member.hours.fridayEnd ? member.hours.fridayEnd : member.hours.end,
    }));
    return {
      member,
      row: {
        tenantId: ctx.tenantId,
        id: randomUUID(),
        crmUserId: ctx.sfId('005'),
        email: `${ascii(first)}.${ascii(last)}@${STAFF_DOMAIN}`,
        name: member.name,
        role: member.role,
        timeZone: member.timeZone,
        workingHours,
        languages: member.languages,
        territories: member.territories,
        skills: member.skills,
        capacity: member.capacity,
        dailyCap: member.dailyCap,
        weight: member.weight,
        active: member.active,
        createdAt: daysAgo(ctx, 330),
      },
    };
  });
}
