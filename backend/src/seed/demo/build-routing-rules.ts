import { randomUUID } from 'node:crypto';
import type { RoutingRuleInput } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import type { SeededUser } from './build-users.ts';
import { daysAgo } from './dates.ts';
import type { SeedContext } from './random.ts';
import { US_EAST_STATES } from './reference-data/places.ts';
import { TEAM } from './reference-data/team.ts';

/** The routing rules the demo team's manager published: by fleet size, then by territory, then everyone else. */
export function routingRuleSet(ctx: SeedContext, users: SeededUser[]): Prisma.RoutingRuleSetCreateManyInput {
  const idOf = (name: string) => users.find((user) => user.member.name === name)?.row.id ?? '';
  const poolOf = (members: string[]) => ({
    type: 'pool' as const,
    members: members.map((name) => ({
      userId: idOf(name),
      weight: Math.max(1, TEAM.find((m) => m.name === name)?.weight ?? 1),
    })),
  });
  const rules: RoutingRuleInput[] = [
    {
      id: 'enterprise-fleets',
      name: 'Enterprise fleets (500+ vehicles) stay with the account owner',
      conditions: [{ field: 'lead.customFields.Fleet_Size__c', operator: 'gte', value: 500 }],
      target: { type: 'account_owner' },
      skills: [],
      slaMinutes: 15,
    },
    {
      id: 'uk-ireland',
      name: 'UK & Ireland',
      conditions: [{ field: 'lead.country', operator: 'in', value: ['GB', 'IE'] }],
      target: poolOf(['Hannah Clarke', 'Tom Harding']),
      skills: [],
      slaMinutes: 30,
    },
    {
      id: 'us-east',
      name: 'US East',
      conditions: [
        { field: 'lead.country', operator: 'eq', value: 'US' },
        { field: 'lead.region', operator: 'in', value: US_EAST_STATES },
      ],
      target: { type: 'user', userId: idOf('Jasmine Ortiz') },
      skills: [],
      slaMinutes: 60,
    },
    {
      id: 'us-central',
      name: 'US Central and the rest of the US',
      conditions: [{ field: 'lead.country', operator: 'eq', value: 'US' }],
      target: { type: 'user', userId: idOf('Marcus Webb') },
      skills: [],
      slaMinutes: 60,
    },
    {
      id: 'dach',
      name: 'DACH',
      conditions: [{ field: 'lead.country', operator: 'in', value: ['DE', 'AT', 'CH'] }],
      target: { type: 'user', userId: idOf('Lukas Brandt') },
      skills: [],
      slaMinutes: 60,
    },
    {
      id: 'iberia',
      name: 'Iberia',
      conditions: [{ field: 'lead.country', operator: 'in', value: ['PT', 'ES'] }],
      target: { type: 'user', userId: idOf('Inês Carvalho') },
      skills: [],
      slaMinutes: 60,
    },
    {
      id: 'catch-all',
      name: 'Everyone else',
      conditions: [],
      target: poolOf(TEAM.filter((m) => m.role === 'sdr' && m.active).map((m) => m.name)),
      skills: [],
      slaMinutes: null,
    },
  ];
  return {
    tenantId: ctx.tenantId,
    id: randomUUID(),
    version: 1,
    active: true,
    rules,
    createdBy: users.find((user) => user.member.role === 'manager')?.row.email ?? null,
    createdAt: daysAgo(ctx, 60),
  };
}
