import { z } from 'zod';
import { CrmId, Id, Money, Timestamp } from './common.ts';
import { CrmRecordType, LeadStatus } from './leads.ts';
import { SlaState } from './routing.ts';
import { EvTier } from './scores.ts';

export const LeadQueueQuery = z
  .strictObject({
    userId: Id.optional().meta({ description: 'Whose queue; give this or crmUserId' }),
    crmUserId: CrmId.optional().meta({
      description: 'Whose queue, by their CRM user id (Salesforce or HubSpot owner)',
    }),
    tier: EvTier.optional(),
    status: LeadStatus.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine((query, ctx) => {
    if ((query.userId === undefined) === (query.crmUserId === undefined))
      ctx.addIssue({ code: 'custom', message: 'give either userId or crmUserId', path: ['userId'] });
  })
  .meta({ id: 'LeadQueueQuery' });
export type LeadQueueQuery = z.infer<typeof LeadQueueQuery>;

/**
 * Where a lead stands in the queue, 0–100: its EV, raised by up to half again of itself as Urgency rises, so a lead
 * with no urgency still ranks by its value (half its EV) and a pressing lead of the same value comes first (its full
 * EV). One decimal. Unscored leads are 0 and come last.
 */
export function queuePriority(score: { ev: number; urgency: number } | null): number {
  if (!score) return 0;
  return Math.round((score.ev * (100 + score.urgency)) / 20) / 10;
}

export const LeadQueueItem = z
  .object({
    lead: z.object({
      id: Id,
      crmId: CrmId,
      crmType: CrmRecordType,
      name: z.string(),
      title: z.string().nullable(),
      companyName: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      status: LeadStatus,
    }),
    score: z
      .object({
        ev: z.number().int(),
        evTier: EvTier,
        expectedValue: Money,
        risk: z.number().int(),
        urgency: z.number().int(),
        scoredAt: Timestamp,
      })
      .nullable()
      .meta({ description: 'The latest score; null until the lead is scored' }),
    priority: z
      .number()
      .min(0)
      .max(100)
      .meta({
        description:
          'The order to work the queue in, 0–100: EV × (100 + Urgency) / 200, so EV ranks leads with no urgency and ' +
          'Urgency lifts a lead up to its full EV; one decimal, 0 for a lead not yet scored',
      }),
    sla: z
      .object({ dueAt: Timestamp, state: SlaState })
      .nullable()
      .meta({ description: 'First-touch deadline of the routing decision that gave the user this lead' }),
    lastTouchAt: Timestamp.nullable(),
  })
  .meta({ id: 'LeadQueueItem' });
export type LeadQueueItem = z.infer<typeof LeadQueueItem>;

export const LeadQueue = z
  .object({
    user: z.object({ id: Id, name: z.string() }),
    data: z.array(LeadQueueItem),
  })
  .meta({
    id: 'LeadQueue',
    description:
      "A user's open leads, highest priority (EV lifted by Urgency) first; untouched leads nearer their deadline break ties",
  });
export type LeadQueue = z.infer<typeof LeadQueue>;

export const leadQueueExample: LeadQueue = {
  user: { id: '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913', name: 'Hannah Clarke' },
  data: [
    {
      lead: {
        id: '5d0c2a9e-3b7f-4e61-8a52-0f9d6c1b2e34',
        crmId: '00Q5g00000A1b2CEAR',
        crmType: 'lead',
        name: 'Priya Raman-Shah',
        title: 'Head of Fleet Operations',
        companyName: 'Northwind Logistics Ltd',
        email: 'priya.ramanshah@northwind.example',
        phone: '+44 20 7946 0321',
        status: 'working',
      },
      score: {
        ev: 82,
        evTier: 'hot',
        expectedValue: { amount: 8360, currency: 'GBP' },
        risk: 24,
        urgency: 77,
        scoredAt: '2026-11-24T09:00:00.000Z',
      },
      priority: queuePriority({ ev: 82, urgency: 77 }),
      sla: { dueAt: '2026-11-24T09:33:12.000Z', state: 'pending' },
      lastTouchAt: null,
    },
  ],
};
