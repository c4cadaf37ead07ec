import { z } from 'zod';
import { CrmId, Id, Text, Timestamp } from './common.ts';
import { LeadUpsert } from './leads.ts';

/** Unique values of `key` across `items`, reported on the path of the first repeat. */
function uniqueBy<T>(key: (item: T) => string, what: string) {
  return (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value)) ctx.addIssue({ code: 'custom', message: `duplicate ${what} ${value}`, path: [index] });
      seen.add(value);
    });
  };
}

export const UserRole = z.enum(['sdr', 'manager', 'admin']).meta({ id: 'UserRole' });
export type UserRole = z.infer<typeof UserRole>;

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Europe/London')
  .meta({ id: 'TimeZone', description: 'IANA time zone, e.g. Europe/London or America/Chicago' });

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM between 00:00 and 23:59');

const workingHoursShape = {
  day: z.number().int().min(0).max(6).meta({ description: '0 is Sunday, 6 is Saturday' }),
  start: ClockTime,
  // 24:00 lets a shift run to midnight without a second interval.
  end: z.union([ClockTime, z.literal('24:00')]),
};
const endsAfterStart = (hours: { start: string; end: string }) => hours.end > hours.start;
const endsAfterStartError = { message: 'end must be after start', path: ['end'] };

export const WorkingHours = z
  .object(workingHoursShape)
  .refine(endsAfterStart, endsAfterStartError)
  .meta({ id: 'WorkingHours', description: "An interval of a weekday in the user's time zone" });
export type WorkingHours = z.infer<typeof WorkingHours>;
const WorkingHoursInput = z.strictObject(workingHoursShape).refine(endsAfterStart, endsAfterStartError);

const Tags = z.array(Text(100).min(1)).max(100);

const outOfOfficeShape = { start: Timestamp, end: Timestamp };
const endsAfterItStarts = (period: { start: string; end: string }) => Date.parse(period.end) > Date.parse(period.start);
export const OutOfOffice = z
  .object(outOfOfficeShape)
  .refine(endsAfterItStarts, { message: 'end must be after start', path: ['end'] })
  .meta({ id: 'OutOfOffice', description: 'A period of leave or holiday: no leads are routed to the user' });
export type OutOfOffice = z.infer<typeof OutOfOffice>;
const OutOfOfficeInput = z
  .strictObject(outOfOfficeShape)
  .refine(endsAfterItStarts, { message: 'end must be after start', path: ['end'] });

export const User = z
  .object({
    id: Id,
    crmUserId: CrmId.nullable(),
    email: z.string(),
    name: z.string(),
    role: UserRole,
    timeZone: z.string(),
    workingHours: z.array(WorkingHours),
    languages: z.array(z.string()).meta({ description: 'BCP 47 language tags the user can sell in' }),
    territories: z.array(z.string()),
    skills: z.array(z.string()),
    capacity: z.number().int().min(0).meta({ description: 'Most open leads the user may hold' }),
    dailyCap: z.number().int().min(0).meta({ description: 'Most new leads the user may receive in one day' }),
    weight: z.number().int().min(0).meta({ description: 'Share of weighted round-robin; 2 gets twice the leads of 1' }),
    active: z.boolean(),
    outOfOffice: z.array(OutOfOffice),
    pausedUntil: Timestamp.nullable().meta({ description: 'Paused by a manager: no leads until then' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'User', description: 'A member of the sales team (SDR, manager or admin)' });
export type User = z.infer<typeof User>;

export const UserUpsert = z
  .strictObject({
    email: z.email().max(320),
    name: Text(200).min(1),
    crmUserId: CrmId.nullish(),
    role: UserRole.optional(),
    timeZone: TimeZone.optional(),
    workingHours: z.array(WorkingHoursInput).max(50).optional(),
    languages: z.array(Text(35).min(1)).max(50).optional(),
    territories: Tags.optional(),
    skills: Tags.optional(),
    capacity: z.number().int().min(0).max(100_000).optional(),
    dailyCap: z.number().int().min(0).max(10_000).optional(),
    weight: z.number().int().min(0).max(100).optional(),
    active: z.boolean().optional(),
    outOfOffice: z.array(OutOfOfficeInput).max(100).optional().meta({ description: 'Replaces the whole list' }),
    pausedUntil: Timestamp.nullable().optional().meta({ description: 'null resumes routing to the user' }),
  })
  .meta({ id: 'UserUpsert', description: 'A user keyed by email: created when new, else updated' });
export type UserUpsert = z.infer<typeof UserUpsert>;

const knownFields = [
  'lead.crmType',
  'lead.source',
  'lead.status',
  'lead.title',
  'lead.email',
  'lead.companyName',
  'lead.country',
  'lead.region',
  'lead.language',
  'company.name',
  'company.domain',
  'company.industry',
  'company.employees',
  'company.annualRevenue',
  'company.country',
  'company.region',
  'company.city',
  'company.postcode',
  'score.ev',
  'score.evTier',
  'score.pConvert',
  'score.expectedValue',
  'score.risk',
  'score.urgency',
] as const;

export const RoutingField = z
  .union([
    z.enum(knownFields),
    z.string().regex(/^(lead|company)\.customFields\.[A-Za-z0-9_]{1,255}$/, 'lead.customFields.<API name>'),
  ])
  .meta({
    id: 'RoutingField',
    description: 'A field of the lead, its company or its latest score; custom fields as lead.customFields.<API name>',
  });
export type RoutingField = z.infer<typeof RoutingField>;

export const RoutingOperator = z
  .enum(['eq', 'neq', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'between', 'contains', 'starts_with', 'exists'])
  .meta({ id: 'RoutingOperator', description: 'Text comparisons ignore case' });
export type RoutingOperator = z.infer<typeof RoutingOperator>;

const Scalar = z.union([z.string().max(255), z.number().finite(), z.boolean()]);

const conditionShape = {
  field: RoutingField,
  operator: RoutingOperator,
  value: z
    .union([
      Scalar,
      z
        .array(z.union([z.string().max(255), z.number().finite()]))
        .min(1)
        .max(500),
    ])
    .meta({
      description:
        'eq, neq: a value; in, not_in: a list; gt, gte, lt, lte: a number; between: [min, max], both included; ' +
        'contains, starts_with: text; exists: true (field has a value) or false',
    }),
};
type ConditionShape = { operator: RoutingOperator; value: unknown };

function checkOperand(condition: ConditionShape, ctx: z.core.$RefinementCtx<ConditionShape>) {
  const { operator, value } = condition;
  const fail = (message: string) => ctx.addIssue({ code: 'custom', message, path: ['value'] });
  switch (operator) {
    case 'eq':
    case 'neq':
      if (Array.isArray(value)) fail(`${operator} takes a single value`);
      break;
    case 'in':
    case 'not_in':
      if (!Array.isArray(value)) fail(`${operator} takes a list`);
      break;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof value !== 'number') fail(`${operator} takes a number`);
      break;
    case 'between':
      if (
        !Array.isArray(value) ||
        value.length !== 2 ||
        typeof value[0] !== 'number' ||
        typeof value[1] !== 'number' ||
        value[0] > value[1]
      )
        fail('between takes [min, max] with min <= max');
      break;
    case 'contains':
    case 'starts_with':
      if (typeof value !== 'string' || value.length === 0) fail(`${operator} takes non-empty text`);
      break;
    case 'exists':
      if (typeof value !== 'boolean') fail('exists takes true or false');
      break;
  }
}

export const RoutingCondition = z
  .object(conditionShape)
  .superRefine(checkOperand)
  .meta({ id: 'RoutingCondition', description: 'A test on one field; a lead with no value fails all but exists' });
export type RoutingCondition = z.infer<typeof RoutingCondition>;
const RoutingConditionInput = z.strictObject(conditionShape).superRefine(checkOperand);

const poolMemberShape = {
  userId: Id,
  weight: z.number().int().min(1).max(100).meta({ description: 'Share of the pool; overrides the user weight' }),
};
export const RoutingPoolMember = z.object(poolMemberShape).meta({ id: 'RoutingPoolMember' });
export type RoutingPoolMember = z.infer<typeof RoutingPoolMember>;
const RoutingPoolMemberInput = z.strictObject(poolMemberShape);

const uniqueMembers = uniqueBy((member: { userId: string }) => member.userId, 'member');
const poolMembers = z.array(RoutingPoolMember).min(1).max(500).superRefine(uniqueMembers);
const poolMembersInput = z.array(RoutingPoolMemberInput).min(1).max(500).superRefine(uniqueMembers);

const targetDescription =
  'user: always this user; pool: weighted round-robin among the members who are eligible; ' +
  'account_owner: the owner of the matched account, or the next rule when there is none or they are not eligible';

export const RoutingTarget = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('user'), userId: Id }),
    z.object({ type: z.literal('pool'), members: poolMembers }),
    z.object({ type: z.literal('account_owner') }),
  ])
  .meta({ id: 'RoutingTarget', description: targetDescription });
export type RoutingTarget = z.infer<typeof RoutingTarget>;
const RoutingTargetInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('user'), userId: Id }),
  z.strictObject({ type: z.literal('pool'), members: poolMembersInput }),
  z.strictObject({ type: z.literal('account_owner') }),
]);

const SlaMinutes = z.number().int().min(1).max(10_080);

export const RoutingRule = z
  .object({
    id: Id,
    name: z.string(),
    conditions: z.array(RoutingCondition).meta({ description: 'All must hold; none matches every lead' }),
    target: RoutingTarget,
    skills: z
      .array(z.string())
      .meta({ description: 'Skills (a product, a segment) an SDR needs to take the leads this rule matches' }),
    slaMinutes: SlaMinutes.nullable().meta({ description: "Minutes to first touch; null uses the tenant's default" }),
  })
  .meta({ id: 'RoutingRule', description: 'Rules are tried in order; the first that matches and yields an SDR wins' });
export type RoutingRule = z.infer<typeof RoutingRule>;

export const RoutingRuleInput = z
  .strictObject({
    id: Id.meta({ description: 'Chosen by the client; keep it stable across versions so decisions stay comparable' }),
    name: Text(200).min(1),
    conditions: z.array(RoutingConditionInput).max(50),
    target: RoutingTargetInput,
    skills: Tags.default([]),
    slaMinutes: SlaMinutes.nullable(),
  })
  .meta({ id: 'RoutingRuleInput' });
export type RoutingRuleInput = z.infer<typeof RoutingRuleInput>;

export const RoutingRuleSet = z
  .object({
    id: Id,
    version: z.number().int().min(1),
    active: z.boolean(),
    rules: z.array(RoutingRule),
    createdBy: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'RoutingRuleSet', description: 'An immutable, numbered list of routing rules; one version is active' });
export type RoutingRuleSet = z.infer<typeof RoutingRuleSet>;

const RoutingRulesInput = z
  .array(RoutingRuleInput)
  .max(500)
  .superRefine(uniqueBy((rule: { id: string }) => rule.id, 'rule id'));

export const RoutingRuleSetCreate = z
  .strictObject({
    rules: RoutingRulesInput,
    activate: z.boolean().default(false).meta({ description: 'Make the new version the active one' }),
  })
  .meta({ id: 'RoutingRuleSetCreate', description: 'A new version of the rule set' });
export type RoutingRuleSetCreate = z.infer<typeof RoutingRuleSetCreate>;

export const SkipReason = z
  .enum([
    'at_daily_cap',
    'at_open_cap',
    'out_of_office',
    'outside_hours',
    'paused',
    'lacks_language',
    'lacks_skill',
    'inactive',
    'missed_sla',
  ])
  .meta({ id: 'SkipReason', description: "missed_sla: the assignee let the lead's first-touch deadline pass" });
export type SkipReason = z.infer<typeof SkipReason>;

export const MatchedAccount = z
  .object({
    companyId: Id,
    confidence: z.number().min(0).max(1),
    method: z
      .enum(['crm_link', 'company_number', 'domain', 'name_exact', 'name_fuzzy'])
      .meta({ description: 'How the lead was tied to the account, from strongest to weakest' }),
  })
  .meta({ id: 'MatchedAccount', description: 'The existing account the lead was matched to' });
export type MatchedAccount = z.infer<typeof MatchedAccount>;

export const RoutingCandidate = z
  .object({
    userId: Id,
    openLeads: z.number().int().min(0),
    assignedToday: z.number().int().min(0),
    weight: z.number().int().min(0),
  })
  .meta({ id: 'RoutingCandidate', description: 'An eligible SDR and their load when the decision was made' });
export type RoutingCandidate = z.infer<typeof RoutingCandidate>;

export const RoutingSkip = z
  .object({ userId: Id, reason: SkipReason })
  .meta({ id: 'RoutingSkip', description: 'An SDR of the target who was passed over, and why' });
export type RoutingSkip = z.infer<typeof RoutingSkip>;

export const SlaState = z.enum(['pending', 'met', 'missed', 'closed']).meta({
  id: 'SlaState',
  description:
    'First-touch SLA: pending until the lead is touched (met) or the deadline passes untouched (missed, and the lead ' +
    'is reassigned once); closed when a later decision, a new owner or a conversion takes over',
});
export type SlaState = z.infer<typeof SlaState>;

export const RoutingDecision = z
  .object({
    id: Id,
    leadId: Id,
    ruleSetId: Id.nullable(),
    ruleSetVersion: z.number().int().min(1).nullable(),
    ruleId: Id.nullable().meta({ description: 'Null when no rule matched or the lead was assigned by hand' }),
    assigneeId: Id.nullable().meta({ description: 'Null when no eligible SDR was found' }),
    matchedAccount: MatchedAccount.nullable(),
    candidates: z.array(RoutingCandidate),
    skipped: z.array(RoutingSkip),
    reason: z.string().meta({ description: 'One sentence for the rep and their manager' }),
    slaDueAt: Timestamp.nullable().meta({ description: 'When the assignee must have touched the lead' }),
    slaState: SlaState.nullable().meta({ description: 'Null when the decision assigned nobody' }),
    firstTouchAt: Timestamp.nullable().meta({ description: "The lead's first touch after this decision" }),
    slaMissedAt: Timestamp.nullable().meta({ description: 'When the deadline passed with no touch' }),
    reassignedFrom: Id.nullable().meta({
      description: 'The previous assignee when this decision moved the lead after they missed the first-touch SLA',
    }),
    createdAt: Timestamp,
  })
  .meta({ id: 'RoutingDecision', description: 'Who a lead was routed to, by which rule, and why' });
export type RoutingDecision = z.infer<typeof RoutingDecision>;

export const UserList = z.object({ data: z.array(User) }).meta({ id: 'UserList', description: 'The roster, by name' });
export type UserList = z.infer<typeof UserList>;

export const RouteLeadRequest = z
  .strictObject({
    leadId: Id.optional().meta({ description: 'A lead the suite has' }),
    lead: LeadUpsert.optional().meta({ description: 'A new (or changed) lead, stored by its CRM id, then routed' }),
  })
  .superRefine((body, ctx) => {
    if ((body.leadId === undefined) === (body.lead === undefined))
      ctx.addIssue({ code: 'custom', message: 'give either leadId or lead, not both', path: ['leadId'] });
  })
  .meta({ id: 'RouteLeadRequest', description: 'The lead to route: by id, or a new lead stored first' });
export type RouteLeadRequest = z.infer<typeof RouteLeadRequest>;

export const RoutingDecisionList = z
  .object({ data: z.array(RoutingDecision) })
  .meta({ id: 'RoutingDecisionList', description: "A lead's routing decisions, newest first" });
export type RoutingDecisionList = z.infer<typeof RoutingDecisionList>;

export const RoutingRuleSetList = z
  .object({ data: z.array(RoutingRuleSet) })
  .meta({ id: 'RoutingRuleSetList', description: 'Every version, newest first' });
export type RoutingRuleSetList = z.infer<typeof RoutingRuleSetList>;

export const RoutingSimulationRequest = z
  .strictObject({
    rules: RoutingRulesInput.meta({ description: 'The proposed rule set, checked as a new version would be' }),
    leads: z.number().int().min(1).max(10_000).default(500).meta({ description: 'How many of the latest leads' }),
  })
  .meta({ id: 'RoutingSimulationRequest', description: 'A proposed rule set to try on recent leads' });
export type RoutingSimulationRequest = z.infer<typeof RoutingSimulationRequest>;

const TierCounts = z.object({ hot: z.number().int(), warm: z.number().int(), cold: z.number().int() });

export const RoutingSimulationRow = z
  .object({
    userId: Id.nullable().meta({ description: 'Null for the leads nobody would take' }),
    name: z.string(),
    current: z.number().int().meta({ description: 'Of these leads, how many the user owns today' }),
    proposed: z.number().int().meta({ description: 'How many the proposed rules would give them' }),
    proposedByTier: TierCounts.meta({ description: 'The proposed leads by EV tier' }),
  })
  .meta({ id: 'RoutingSimulationRow' });
export type RoutingSimulationRow = z.infer<typeof RoutingSimulationRow>;

export const RoutingSimulation = z
  .object({
    leads: z.number().int().meta({ description: 'Leads simulated, newest first' }),
    from: Timestamp.nullable().meta({ description: 'Creation of the oldest lead simulated' }),
    to: Timestamp.nullable().meta({ description: 'Creation of the newest lead simulated' }),
    moved: z.number().int().meta({ description: 'Leads whose owner would change' }),
    byRule: z
      .array(z.object({ ruleId: Id.nullable(), name: z.string(), leads: z.number().int() }))
      .meta({ description: 'Leads each rule would decide; ruleId null: the fallback owner or nobody' }),
    distribution: z.array(RoutingSimulationRow).meta({ description: 'Per user, by most proposed leads' }),
  })
  .meta({
    id: 'RoutingSimulation',
    description:
      'What a proposed rule set would do to recent leads, each routed as at its arrival (hours, leave, daily caps ' +
      'and pool shares counted within the simulation), beside who owns them today; nothing is assigned',
  });
export type RoutingSimulation = z.infer<typeof RoutingSimulation>;

export const userExample: User = {
  id: '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913',
  crmUserId: '0055g00000HcLrkAAF',
  email: 'hannah.clarke@fleetpulse.io',
  name: 'Hannah Clarke',
  role: 'sdr',
  timeZone: 'Europe/London',
  workingHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:30', end: '17:30' })),
  languages: ['en', 'fr'],
  territories: ['GB', 'IE'],
  skills: ['logistics', 'mid-market'],
  capacity: 60,
  dailyCap: 25,
  weight: 2,
  active: true,
  outOfOffice: [{ start: '2026-12-22T00:00:00.000Z', end: '2027-01-04T00:00:00.000Z' }],
  pausedUntil: null,
  createdAt: '2026-09-01T08:00:00.000Z',
  updatedAt: '2026-11-18T12:30:00.000Z',
};

export const userUpsertExample: UserUpsert = {
  email: 'marcus.webb@fleetpulse.io',
  name: 'Marcus Webb',
  crmUserId: '0055g00000HcLs2AAF',
  role: 'sdr',
  timeZone: 'America/Chicago',
  workingHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:00', end: '17:00' })),
  languages: ['en', 'es'],
  territories: ['US-Central'],
  skills: ['logistics', 'enterprise'],
  dailyCap: 20,
};

const ukPool: RoutingTarget = {
  type: 'pool',
  members: [
    { userId: '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913', weight: 2 },
    { userId: 'b4d8f0a3-2c6e-4a19-8f57-d1e3a5c7b902', weight: 1 },
  ],
};

export const routingRuleExample: RoutingRule = {
  id: 'uk-mid-market',
  name: 'UK & Ireland mid-market',
  conditions: [
    { field: 'company.country', operator: 'in', value: ['GB', 'IE'] },
    { field: 'company.employees', operator: 'between', value: [100, 2000] },
    { field: 'score.ev', operator: 'gte', value: 40 },
  ],
  target: ukPool,
  skills: ['mid-market'],
  slaMinutes: 30,
};

export const routingRuleSetExample: RoutingRuleSet = {
  id: 'e1c5a7f3-9b2d-4e60-a8f4-3d7b1c9e5a28',
  version: 7,
  active: true,
  rules: [
    {
      id: 'named-accounts',
      name: 'Named accounts go to their owner',
      conditions: [{ field: 'company.customFields.Named_Account__c', operator: 'eq', value: true }],
      target: { type: 'account_owner' },
      skills: [],
      slaMinutes: 15,
    },
    routingRuleExample,
    {
      id: 'catch-all',
      name: 'Everyone else',
      conditions: [],
      target: { type: 'user', userId: 'c9a2e6b1-7d3f-4c85-9e04-f1b8d2a6c733' },
      skills: [],
      slaMinutes: null,
    },
  ],
  createdBy: 'olivia.bennett@fleetpulse.io',
  createdAt: '2026-11-12T10:05:00.000Z',
};

export const routingRuleSetCreateExample: RoutingRuleSetCreate = {
  rules: routingRuleSetExample.rules,
  activate: true,
};

export const routingDecisionExample: RoutingDecision = {
  id: 'f6b0d4a8-1e3c-4f72-b9d5-a7c3e1f5b064',
  leadId: '5d0c2a9e-3b7f-4e61-8a52-0f9d6c1b2e34',
  ruleSetId: routingRuleSetExample.id,
  ruleSetVersion: 7,
  ruleId: 'uk-mid-market',
  assigneeId: '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913',
  matchedAccount: { companyId: '0b6f6f1e-8f3c-4c1b-9d43-2a1f5e7c9a10', confidence: 0.97, method: 'domain' },
  candidates: [{ userId: '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913', openLeads: 41, assignedToday: 6, weight: 2 }],
  skipped: [{ userId: 'b4d8f0a3-2c6e-4a19-8f57-d1e3a5c7b902', reason: 'out_of_office' }],
  reason: 'Matched "UK & Ireland mid-market"; Hannah Clarke is next in the pool (Tom Harding is out of office).',
  slaDueAt: '2026-11-24T09:33:12.000Z',
  slaState: 'met',
  firstTouchAt: '2026-11-24T09:21:40.000Z',
  slaMissedAt: null,
  reassignedFrom: null,
  createdAt: '2026-11-24T09:03:12.000Z',
};

export const routingSimulationExample: RoutingSimulation = {
  leads: 500,
  from: '2026-11-10T08:12:00.000Z',
  to: '2026-11-24T09:03:12.000Z',
  moved: 64,
  byRule: [
    { ruleId: 'named-accounts', name: 'Named accounts go to their owner', leads: 38 },
    { ruleId: 'uk-mid-market', name: 'UK & Ireland mid-market', leads: 291 },
    { ruleId: 'catch-all', name: 'Everyone else', leads: 171 },
  ],
  distribution: [
    {
      userId: '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913',
      name: 'Hannah Clarke',
      current: 171,
      proposed: 194,
      proposedByTier: { hot: 39, warm: 77, cold: 78 },
    },
    {
      userId: 'c9a2e6b1-7d3f-4c85-9e04-f1b8d2a6c733',
      name: 'Priya Nair',
      current: 180,
      proposed: 171,
      proposedByTier: { hot: 34, warm: 69, cold: 68 },
    },
    {
      userId: 'b4d8f0a3-2c6e-4a19-8f57-d1e3a5c7b902',
      name: 'Tom Harding',
      current: 149,
      proposed: 135,
      proposedByTier: { hot: 27, warm: 54, cold: 54 },
    },
    { userId: null, name: 'Nobody', current: 0, proposed: 0, proposedByTier: { hot: 0, warm: 0, cold: 0 } },
  ],
};
