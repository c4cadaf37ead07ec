import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../db/generated/client.ts';
import type { SeededLead } from './build-leads.ts';
import { DAY, minDate } from './dates.ts';
import type { SeedContext } from './random.ts';
import { EMAIL_SUBJECTS, NOTES, WEB_EVENTS } from './reference-data/activity-texts.ts';

type ActivityKind = 'call' | 'email_out' | 'email_in' | 'meeting' | 'note' | 'web';

export function buildActivities(ctx: SeedContext, lead: SeededLead): Prisma.ActivityCreateManyInput[] {
  const { faker } = ctx;
  const count = activityCount(ctx, lead);
  if (count === 0) return [];
  const start = lead.row.createdAt;
  const end = minDate(ctx.now, new Date((lead.converted ?? start).getTime() + (lead.converted ? 40 : 120) * DAY));
  const times = faker.date.betweens({ from: start, to: end, count }).sort((a, b) => a.getTime() - b.getTime());
  const engaged = lead.converted !== null || lead.row.status === 'qualified';
  const kinds: ActivityKind[] = times.map((_, index) => {
    // Inbound leads start with the web visit that created them.
    if (index === 0 && lead.row.source !== 'Outbound') return 'web';
    return faker.helpers.weightedArrayElement<ActivityKind>([
      { value: 'call', weight: 35 },
      { value: 'email_out', weight: 30 },
      { value: 'email_in', weight: engaged ? 12 : 4 },
      { value: 'meeting', weight: engaged ? 10 : 2 },
      { value: 'note', weight: 8 },
      { value: 'web', weight: engaged ? 10 : 6 },
    ]);
  });
  // Converted leads met the team at least once before converting.
  if (lead.converted && !kinds.includes('meeting')) kinds[Math.min(kinds.length - 1, 2)] = 'meeting';
  return times.map((occurredAt, index) => activityRow(ctx, lead, kinds[index] ?? 'call', occurredAt, engaged));
}

function activityCount(ctx: SeedContext, lead: SeededLead): number {
  const { faker } = ctx;
  if (lead.converted) return faker.number.int({ min: 8, max: 16 });
  switch (lead.row.status) {
    case 'new':
      return faker.number.int({ min: 0, max: 3 });
    case 'working':
      return faker.number.int({ min: 3, max: 8 });
    case 'nurturing':
      return faker.number.int({ min: 2, max: 7 });
    case 'qualified':
      return faker.number.int({ min: 6, max: 11 });
    default:
      return faker.number.int({ min: 1, max: 5 });
  }
}

function activityRow(
  ctx: SeedContext,
  lead: SeededLead,
  kind: ActivityKind,
  occurredAt: Date,
  engaged: boolean,
): Prisma.ActivityCreateManyInput {
  const { faker } = ctx;
  const common = { tenantId: ctx.tenantId, id: randomUUID(), leadId: lead.row.id, occurredAt, createdAt: occurredAt };
  switch (kind) {
    case 'call': {
      const outcome = faker.helpers.weightedArrayElement([
        { value: 'No answer', weight: 35 },
        { value: 'Left voicemail', weight: 25 },
        { value: 'Connected', weight: engaged ? 30 : 15 },
        { value: 'Gatekeeper', weight: 10 },
        { value: 'Wrong number', weight: 3 },
        { value: 'Meeting booked', weight: engaged ? 10 : 2 },
      ]);
      return {
        ...common,
        crmId: ctx.sfId('00T'),
        type: 'call',
        direction: 'outbound',
        subject: faker.helpers.arrayElement(['Call: intro', 'Call: follow-up', 'Call: discovery']),
        outcome,
        body: null,
      };
    }
    case 'email_out':
      return {
        ...common,
        crmId: ctx.sfId('00T'),
        type: 'email',
        direction: 'outbound',
        subject: faker.helpers.arrayElement(EMAIL_SUBJECTS),
        outcome: faker.helpers.weightedArrayElement([
          { value: 'Sent', weight: 5 },
          { value: 'Opened', weight: 4 },
          { value: 'Clicked', weight: 2 },
          { value: 'Bounced', weight: 1 },
        ]),
        body: null,
      };
    case 'email_in':
      return {
        ...common,
        crmId: ctx.sfId('00T'),
        type: 'email',
        direction: 'inbound',
        subject: `RE: ${faker.helpers.arrayElement(EMAIL_SUBJECTS)}`,
        outcome: 'Replied',
        body: faker.helpers.arrayElement([
          'Thanks, can you send pricing for our fleet?',
          'Not right now, try me next quarter.',
          'Happy to have a call. Thursday afternoon?',
          'Please speak to our ops director instead.',
        ]),
      };
    case 'meeting':
      return {
        ...common,
        crmId: ctx.sfId('00U'),
        type: 'meeting',
        direction: null,
        subject: faker.helpers.arrayElement(['Discovery call', 'Product demo', 'Pricing review', 'Pilot kick-off']),
        outcome: faker.helpers.weightedArrayElement([
          { value: 'Held', weight: 8 },
          { value: 'No-show', weight: 1 },
          { value: 'Rescheduled', weight: 1 },
        ]),
        body: null,
      };
    case 'note':
      return {
        ...common,
        crmId: ctx.sfId('00T'),
        type: 'note',
        direction: null,
        subject: 'Note',
        outcome: null,
        body: faker.helpers.arrayElement(NOTES),
      };
    case 'web': {
      const event = faker.helpers.arrayElement(WEB_EVENTS);
      // Marketing-automation events are not CRM tasks, so they have no CRM id.
      return {
        ...common,
        crmId: null,
        type: 'web',
        direction: 'inbound',
        subject: event.subject,
        outcome: event.outcome,
        body: null,
      };
    }
  }
}
