import { z } from 'zod';
import { CrmId, Cursor, Id, PageLimit, Timestamp, page } from './common.ts';

export const ActivityType = z
  .enum(['call', 'email', 'meeting', 'note', 'task', 'social', 'web'])
  .meta({ id: 'ActivityType' });
export const ActivityDirection = z.enum(['inbound', 'outbound']).meta({ id: 'ActivityDirection' });

export const Activity = z
  .object({
    id: Id,
    crmId: CrmId.nullable(),
    leadId: Id,
    type: ActivityType,
    direction: ActivityDirection.nullable(),
    subject: z.string().nullable(),
    body: z.string().nullable(),
    outcome: z.string().nullable(),
    occurredAt: Timestamp,
    createdAt: Timestamp,
  })
  .meta({ id: 'Activity', description: 'A touch on a lead: call, email, meeting, ...' });
export type Activity = z.infer<typeof Activity>;

export const ActivityCreate = z
  .strictObject({
    crmId: CrmId.nullish().meta({ description: 'When given, a second create with the same id updates instead' }),
    type: ActivityType,
    direction: ActivityDirection.nullish(),
    subject: z.string().trim().max(255).nullish(),
    body: z.string().max(32_000).nullish(),
    outcome: z.string().trim().max(100).nullish(),
    occurredAt: Timestamp,
  })
  .meta({ id: 'ActivityCreate' });
export type ActivityCreate = z.infer<typeof ActivityCreate>;

export const ActivityCreateBody = z
  .union([ActivityCreate, z.array(ActivityCreate).min(1).max(1000)])
  .meta({ id: 'ActivityCreateBody', description: 'One activity, or up to 1,000' });

export const ActivityListQuery = z.strictObject({
  limit: PageLimit,
  cursor: Cursor.optional(),
  type: ActivityType.optional(),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;

export const ActivityPage = page(Activity, 'ActivityPage');
export const ActivityCreateResult = z
  .object({ data: z.array(Activity), created: z.number().int(), updated: z.number().int() })
  .meta({ id: 'ActivityCreateResult' });

export const activityExample: Activity = {
  id: 'c3f1b0d2-6e4a-4b8f-a1c9-5d7e2f3a4b60',
  crmId: '00T5g00000QwErTEAZ',
  leadId: '5d0c2a9e-3b7f-4e61-8a52-0f9d6c1b2e34',
  type: 'call',
  direction: 'outbound',
  subject: 'Discovery call',
  body: 'Discussed fleet tracking; asked for pricing for 140 vehicles.',
  outcome: 'connected',
  occurredAt: '2026-11-19T15:30:00.000Z',
  createdAt: '2026-11-19T15:45:00.000Z',
};
