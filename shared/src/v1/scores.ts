import { z } from 'zod';
import { CrmId, Id, Money, Timestamp } from './common.ts';
import { ModelVersionRef } from './models.ts';
import { ActivityCreate } from './activities.ts';
import { CompanyUpsert } from './companies.ts';
import { LeadUpsert } from './leads.ts';

const Points = z.number().int().min(0).max(100);

export const FeatureKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/, 'dotted identifiers such as company.employees')
  .meta({ id: 'FeatureKey', description: 'Key of a model feature, e.g. company.employees or custom.fleet_size' });
export type FeatureKey = z.infer<typeof FeatureKey>;

export const ScoreDimension = z.enum(['ev', 'risk', 'urgency']).meta({ id: 'ScoreDimension' });
export type ScoreDimension = z.infer<typeof ScoreDimension>;

export const EvTier = z
  .enum(['hot', 'warm', 'cold'])
  .meta({ id: 'EvTier', description: "Band of the EV score, by the tenant's evTiers thresholds" });
export type EvTier = z.infer<typeof EvTier>;

export const ScoreFreshness = z.enum(['fresh', 'stale']).meta({
  id: 'ScoreFreshness',
  description:
    'stale when the lead, its company or its activities changed, or another model became active, after scoredAt',
});
export type ScoreFreshness = z.infer<typeof ScoreFreshness>;

export const Reason = z
  .object({
    dimension: ScoreDimension,
    feature: FeatureKey,
    label: z.string().meta({ description: 'Human name of the feature, e.g. Company size' }),
    value: z.string().meta({ description: "The lead's value as shown to the rep, e.g. 420 employees" }),
    direction: z.enum(['+', '-']).meta({ description: '+ raises the dimension, - lowers it' }),
    contribution: z
      .number()
      .finite()
      .min(0)
      .meta({ description: "Size of the push on the dimension's 0-100 scale; direction gives its sign" }),
  })
  .meta({ id: 'Reason', description: 'Why a dimension of a score is what it is' });
export type Reason = z.infer<typeof Reason>;

export const Score = z
  .object({
    id: Id,
    leadId: Id,
    ev: Points.meta({ description: 'Expected value on a 0-100 scale' }),
    pConvert: z.number().min(0).max(1).meta({ description: 'Probability that the lead converts within the window' }),
    expectedValue: Money.meta({ description: 'pConvert times the expected deal value' }),
    risk: Points,
    urgency: Points,
    reasons: z.array(Reason).meta({ description: 'Reasons of all three dimensions, strongest first within each' }),
    modelVersion: ModelVersionRef.nullable(),
    scoredAt: Timestamp,
    freshness: ScoreFreshness,
    missing: z
      .array(z.string())
      .meta({ description: 'Labels of the features the model uses that this lead has no value for' }),
  })
  .meta({ id: 'Score', description: 'EV, Risk and Urgency of a lead at one moment, with their reasons' });
export type Score = z.infer<typeof Score>;

export const LeadScore = z
  .object({
    leadId: Id,
    scoreId: Id,
    ev: Points,
    evTier: EvTier,
    pConvert: z.number().min(0).max(1),
    expectedValue: Money,
    risk: Points,
    urgency: Points,
    topReasons: z
      .array(Reason)
      .max(9)
      .meta({ description: 'Up to three reasons per dimension, strongest first within each' }),
    modelVersion: ModelVersionRef.nullable(),
    scoredAt: Timestamp,
    freshness: ScoreFreshness,
    missing: z
      .array(z.string())
      .meta({ description: 'Labels of the features the model uses that this lead has no value for' }),
  })
  .meta({ id: 'LeadScore', description: "The latest score of a lead, condensed for a CRM record's panel" });
export type LeadScore = z.infer<typeof LeadScore>;

export const reasonExample: Reason = {
  dimension: 'urgency',
  feature: 'activity.pricing_requested',
  label: 'Asked for pricing',
  value: '4 days ago',
  direction: '+',
  contribution: 24,
};

export const scoreExample: Score = {
  id: '2b7d9e13-6f4a-4c58-8d21-e0a3b6c9f174',
  leadId: '5d0c2a9e-3b7f-4e61-8a52-0f9d6c1b2e34',
  ev: 72,
  pConvert: 0.22,
  expectedValue: { amount: 8360, currency: 'GBP' },
  risk: 35,
  urgency: 81,
  reasons: [
    {
      dimension: 'ev',
      feature: 'company.employees',
      label: 'Company size',
      value: '420 employees',
      direction: '+',
      contribution: 14,
    },
    {
      dimension: 'ev',
      feature: 'lead.seniority',
      label: 'Seniority',
      value: 'VP',
      direction: '+',
      contribution: 11,
    },
    {
      dimension: 'ev',
      feature: 'custom.fleet_size',
      label: 'Fleet size',
      value: '140 vehicles',
      direction: '+',
      contribution: 9,
    },
    {
      dimension: 'risk',
      feature: 'opportunity.competitor_present',
      label: 'Competitor in the deal',
      value: 'Trakwell Telematics',
      direction: '+',
      contribution: 18,
    },
    {
      dimension: 'risk',
      feature: 'activity.inbound_replies',
      label: 'Replies to outreach',
      value: '3 replies',
      direction: '-',
      contribution: 10,
    },
    reasonExample,
    {
      dimension: 'urgency',
      feature: 'lead.source',
      label: 'Lead source',
      value: 'Webinar',
      direction: '+',
      contribution: 8,
    },
  ],
  modelVersion: { id: '8f2c61d0-4a7e-4b39-b5d1-09e3c7a6f412', version: '2026-11-24.1', kind: 'gbm' },
  scoredAt: '2026-11-24T09:03:12.000Z',
  freshness: 'fresh',
  missing: [],
};

export const leadScoreExample: LeadScore = {
  leadId: scoreExample.leadId,
  scoreId: scoreExample.id,
  ev: scoreExample.ev,
  evTier: 'hot',
  pConvert: scoreExample.pConvert,
  expectedValue: scoreExample.expectedValue,
  risk: scoreExample.risk,
  urgency: scoreExample.urgency,
  topReasons: scoreExample.reasons,
  modelVersion: scoreExample.modelVersion,
  scoredAt: scoreExample.scoredAt,
  freshness: scoreExample.freshness,
  missing: scoreExample.missing,
};

/** A lead to score without storing it: its fields, and optionally its company and recent activities. */
export const InlineLead = z
  .strictObject({
    lead: LeadUpsert.omit({ crmId: true, companyId: true, ownerId: true }).extend({
      crmId: z.string().max(255).optional(),
    }),
    company: CompanyUpsert.omit({ crmId: true, ownerId: true }).partial().optional(),
    activities: z
      .array(ActivityCreate.omit({ crmId: true }))
      .max(500)
      .optional(),
  })
  .meta({ id: 'InlineLead', description: 'A lead scored as given, without being stored' });
export type InlineLead = z.infer<typeof InlineLead>;

export const ScoreRequest = z
  .union([
    z.strictObject({
      leadIds: z.array(Id).min(1).max(1000),
      store: z.boolean().default(true).meta({ description: "Keep the scores as the leads' latest (default)" }),
    }),
    z.strictObject({ leads: z.array(InlineLead).min(1).max(1000) }),
  ])
  .meta({ id: 'ScoreRequest', description: 'Stored leads by id, or inline leads (scored, never stored); up to 1,000' });
export type ScoreRequest = z.infer<typeof ScoreRequest>;

/** A rescore of the whole tenant, or of the stored leads behind some CRM ids (e.g. chosen by a SOQL query). */
export const RescoreRequest = z
  .strictObject({
    crmIds: z
      .array(CrmId)
      .min(1)
      .max(50_000)
      .optional()
      .meta({ description: 'Only the stored leads with these CRM ids; the job reports the ids no stored lead has' }),
  })
  .meta({ id: 'RescoreRequest', description: 'Without crmIds (or without a body), every lead of the tenant' });
export type RescoreRequest = z.infer<typeof RescoreRequest>;

export const rescoreRequestExample: RescoreRequest = { crmIds: ['00Q5g00000AbCdEEAZ', '00Q5g00000AbCdFEAZ'] };

export const ScoreResult = z
  .object({
    leadId: Id.nullable().meta({ description: 'Null for an inline lead' }),
    scoreId: Id.nullable().meta({ description: 'Null when the score was not stored' }),
    ev: Points,
    evTier: EvTier,
    pConvert: z.number().min(0).max(1),
    expectedValue: Money,
    risk: Points,
    urgency: Points,
    reasons: z.array(Reason),
    missing: z.array(z.string()),
    modelVersion: ModelVersionRef.nullable(),
    scoredAt: Timestamp,
  })
  .meta({ id: 'ScoreResult', description: 'A score as computed, with all its reasons' });
export type ScoreResult = z.infer<typeof ScoreResult>;

export const ScoreResults = z.object({ data: z.array(ScoreResult) }).meta({ id: 'ScoreResults' });

export const scoreRequestExample: ScoreRequest = { leadIds: [scoreExample.leadId], store: true };

export const scoreResultExample: ScoreResult = {
  leadId: scoreExample.leadId,
  scoreId: scoreExample.id,
  ev: scoreExample.ev,
  evTier: 'hot',
  pConvert: scoreExample.pConvert,
  expectedValue: scoreExample.expectedValue,
  risk: scoreExample.risk,
  urgency: scoreExample.urgency,
  reasons: scoreExample.reasons,
  missing: ['Annual revenue'],
  modelVersion: scoreExample.modelVersion,
  scoredAt: scoreExample.scoredAt,
};
