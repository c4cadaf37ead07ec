import { z } from 'zod';
import * as common from '../src/v1/common.ts';
import * as leads from '../src/v1/leads.ts';
import * as companies from '../src/v1/companies.ts';
import * as activities from '../src/v1/activities.ts';
import * as jobs from '../src/v1/jobs.ts';
import * as opportunities from '../src/v1/opportunities.ts';
import * as scores from '../src/v1/scores.ts';
import * as models from '../src/v1/models.ts';
import * as routing from '../src/v1/routing.ts';
import * as queue from '../src/v1/queue.ts';
import * as battlecards from '../src/v1/battlecards.ts';
import * as calls from '../src/v1/calls.ts';
import * as research from '../src/v1/research.ts';
import * as settings from '../src/v1/settings.ts';
import * as crm from '../src/v1/crm.ts';
import * as crmFields from '../src/v1/crm-fields.ts';
import * as tenants from '../src/v1/tenants.ts';

const newModules = {
  opportunities,
  scores,
  models,
  routing,
  battlecards,
  calls,
  research,
  settings,
  crm,
  crmFields,
  tenants,
};
const allModules = { common, leads, companies, activities, jobs, ...newModules };

function schemasOf(module: Record<string, unknown>): [string, z.ZodType][] {
  return Object.entries(module).filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType);
}

/** Paths of the issues a schema reports for a value, or [] when the value is valid. */
function issuePaths(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

const examples: [string, z.ZodType, unknown][] = [
  ['Opportunity', opportunities.Opportunity, opportunities.opportunityExample],
  ['Reason', scores.Reason, scores.reasonExample],
  ['Score', scores.Score, scores.scoreExample],
  ['LeadScore', scores.LeadScore, scores.leadScoreExample],
  ['ScoreRequest', scores.ScoreRequest, scores.scoreRequestExample],
  ['ScoreResult', scores.ScoreResult, scores.scoreResultExample],
  ['RescoreRequest', scores.RescoreRequest, scores.rescoreRequestExample],
  ['TenantRegistration', tenants.TenantRegistration, tenants.tenantRegistrationExample],
  ['ModelVersion', models.ModelVersion, models.modelVersionExample],
  ['User', routing.User, routing.userExample],
  ['UserUpsert', routing.UserUpsert, routing.userUpsertExample],
  ['RoutingRule', routing.RoutingRule, routing.routingRuleExample],
  ['RoutingRuleSet', routing.RoutingRuleSet, routing.routingRuleSetExample],
  ['RoutingRuleSetCreate', routing.RoutingRuleSetCreate, routing.routingRuleSetCreateExample],
  ['RoutingDecision', routing.RoutingDecision, routing.routingDecisionExample],
  ['RoutingSimulation', routing.RoutingSimulation, routing.routingSimulationExample],
  ['LeadQueue', queue.LeadQueue, queue.leadQueueExample],
  ['BattlecardsInPlay', battlecards.BattlecardsInPlay, battlecards.battlecardsInPlayExample],
  ['Competitor', battlecards.Competitor, battlecards.competitorExample],
  ['CompetitorCreate', battlecards.CompetitorCreate, battlecards.competitorCreateExample],
  ['Battlecard', battlecards.Battlecard, battlecards.battlecardExample],
  ['BattlecardCreate', battlecards.BattlecardCreate, battlecards.battlecardCreateExample],
  ['BattlecardUpdate', battlecards.BattlecardUpdate, battlecards.battlecardUpdateExample],
  ['Call', calls.Call, calls.callExample],
  ['CallStart', calls.CallStart, calls.callStartExample],
  ['TranscriptSegment', calls.TranscriptSegment, calls.transcriptSegmentExample],
  ['TranscriptSegmentUpsert', calls.TranscriptSegmentUpsert, calls.transcriptSegmentUpsertExample],
  ['TranscriptSegmentBatch', calls.TranscriptSegmentBatch, calls.transcriptSegmentBatchExample],
  ['Suggestion', calls.Suggestion, calls.suggestionExample],
  ['CallEvents', calls.CallEvents, calls.callEventsExample],
  ['ResearchRequest', research.ResearchRequest, research.researchRequestExample],
  ['ResearchReport', research.ResearchReport, research.researchReportExample],
  ['RegisterEntryChoice', research.RegisterEntryChoice, research.registerEntryChoiceExample],
  ['TenantSettings', settings.TenantSettings, settings.tenantSettingsExample],
  ['TenantSettings (defaults)', settings.TenantSettings, settings.defaultTenantSettings],
  ['TenantSettingsPatch', settings.TenantSettingsPatch, settings.tenantSettingsPatchExample],
  ['CrmConnection', crm.CrmConnection, crm.crmConnectionExample],
  ['CrmUserList', crm.CrmUserList, crm.crmUserListExample],
  ['FieldMappingUpdate', crm.FieldMappingUpdate, crm.fieldMappingUpdateExample],
];

const requests: [string, z.ZodType, Record<string, unknown>][] = [
  ['UserUpsert', routing.UserUpsert, routing.userUpsertExample],
  ['RoutingRuleSetCreate', routing.RoutingRuleSetCreate, routing.routingRuleSetCreateExample],
  ['CompetitorCreate', battlecards.CompetitorCreate, battlecards.competitorCreateExample],
  ['BattlecardCreate', battlecards.BattlecardCreate, battlecards.battlecardCreateExample],
  ['BattlecardUpdate', battlecards.BattlecardUpdate, battlecards.battlecardUpdateExample],
  ['CallStart', calls.CallStart, calls.callStartExample],
  ['CallEnd', calls.CallEnd, {}],
  ['TranscriptSegmentUpsert', calls.TranscriptSegmentUpsert, calls.transcriptSegmentUpsertExample],
  ['TranscriptSegmentBatch', calls.TranscriptSegmentBatch, calls.transcriptSegmentBatchExample],
  ['CallEventsQuery', calls.CallEventsQuery, {}],
  ['ResearchRequest', research.ResearchRequest, research.researchRequestExample],
  ['RegisterEntryChoice', research.RegisterEntryChoice, research.registerEntryChoiceExample],
  ['TenantSettingsPatch', settings.TenantSettingsPatch, settings.tenantSettingsPatchExample],
  ['FieldMappingUpdate', crm.FieldMappingUpdate, crm.fieldMappingUpdateExample],
  ['RescoreRequest', scores.RescoreRequest, scores.rescoreRequestExample],
  ['TenantRegistration', tenants.TenantRegistration, tenants.tenantRegistrationExample],
];

describe('examples', () => {
  it.each(examples)('%s example parses with its schema', (_name, schema, example) => {
    expect(issuePaths(schema, example)).toEqual([]);
  });

  it('every example exported by the new modules is covered', () => {
    const exported = Object.values(newModules).flatMap((module) =>
      Object.entries(module)
        .filter(([name]) => name.endsWith('Example') || name === 'defaultTenantSettings')
        .map(([, value]) => value),
    );
    const covered = new Set(examples.map(([, , example]) => example));
    expect(exported.filter((example) => !covered.has(example))).toEqual([]);
  });

  it('examples survive a JSON round trip unchanged', () => {
    for (const [, schema, example] of examples) {
      expect(schema.parse(JSON.parse(JSON.stringify(example)))).toEqual(example);
    }
  });
});

describe('schema ids', () => {
  it('are unique across the package', () => {
    const owners = new Map<string, z.ZodType>();
    const clashes: string[] = [];
    for (const module of Object.values(allModules)) {
      for (const [name, schema] of schemasOf(module)) {
        const id = z.globalRegistry.get(schema)?.id;
        if (id === undefined) continue;
        const owner = owners.get(id);
        if (owner !== undefined && owner !== schema) clashes.push(`${id} (${name})`);
        owners.set(id, schema);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('are set on every schema the new modules export, bar query strings', () => {
    const missing = Object.values(newModules)
      .flatMap(schemasOf)
      .filter(([name, schema]) => !name.endsWith('Query') && z.globalRegistry.get(schema)?.id !== name)
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('give every new schema a JSON Schema', () => {
    for (const [, schema] of Object.values(newModules).flatMap(schemasOf)) {
      expect(() => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })).not.toThrow();
    }
  });
});

describe('request schemas', () => {
  it.each(requests)('%s rejects an unknown field', (_name, schema, valid) => {
    expect(schema.safeParse(valid).success).toBe(true);
    expect(schema.safeParse({ ...valid, tenantId: 'acme' }).success).toBe(false);
  });

  it('reject unknown fields in nested objects', () => {
    const [rule] = routing.routingRuleSetCreateExample.rules;
    const withRule = (changed: object) => ({ rules: [{ ...rule, ...changed }] });
    expect(routing.RoutingRuleSetCreate.safeParse(withRule({ priority: 1 })).success).toBe(false);
    expect(
      routing.RoutingRuleSetCreate.safeParse(
        withRule({ conditions: [{ field: 'lead.country', operator: 'eq', value: 'GB', caseSensitive: true }] }),
      ).success,
    ).toBe(false);
    expect(
      routing.RoutingRuleSetCreate.safeParse(withRule({ target: { type: 'account_owner', fallback: 'pool' } })).success,
    ).toBe(false);

    const [section] = battlecards.battlecardCreateExample.sections;
    expect(
      battlecards.BattlecardCreate.safeParse({
        ...battlecards.battlecardCreateExample,
        sections: [{ ...section, colour: 'red' }],
      }).success,
    ).toBe(false);

    expect(
      calls.TranscriptSegmentBatch.safeParse({
        segments: [{ ...calls.transcriptSegmentUpsertExample, confidence: 0.9 }],
      }).success,
    ).toBe(false);

    expect(settings.TenantSettingsPatch.safeParse({ scoring: { evTier: { hot: 80, warm: 50 } } }).success).toBe(false);
    expect(
      settings.TenantSettingsPatch.safeParse({ scoring: { evTiers: { hot: 80, warm: 50, lukewarm: 20 } } }).success,
    ).toBe(false);
  });

  it('apply their defaults', () => {
    expect(research.ResearchRequest.parse({ companyId: 'c-1' })).toEqual({ companyId: 'c-1', refresh: false });
    expect(routing.RoutingRuleSetCreate.parse({ rules: [] })).toEqual({ rules: [], activate: false });
    expect(calls.CallEventsQuery.parse({})).toEqual({ waitSeconds: 8 });
    expect(calls.CallEventsQuery.parse({ waitSeconds: '3' })).toEqual({ waitSeconds: 3 });
    expect(battlecards.CompetitorCreate.parse({ name: 'Routeline' })).toEqual({
      name: 'Routeline',
      aliases: [],
      products: [],
    });
  });
});

describe('invalid values', () => {
  const score = scores.scoreExample;

  it('scores stay on their scales', () => {
    for (const ev of [-1, 101, 50.5]) expect(issuePaths(scores.Score, { ...score, ev })).toEqual(['ev']);
    expect(issuePaths(scores.Score, { ...score, risk: 140 })).toEqual(['risk']);
    expect(issuePaths(scores.Score, { ...score, urgency: -5 })).toEqual(['urgency']);
    expect(issuePaths(scores.Score, { ...score, pConvert: 1.2 })).toEqual(['pConvert']);
    expect(issuePaths(scores.LeadScore, { ...scores.leadScoreExample, ev: 120 })).toEqual(['ev']);
    expect(issuePaths(scores.Score, { ...score, expectedValue: { amount: 10, currency: 'pounds' } })).toEqual([
      'expectedValue.currency',
    ]);
  });

  it('reasons need a known dimension, a sign and a non-negative contribution', () => {
    const reason = scores.reasonExample;
    expect(issuePaths(scores.Reason, { ...reason, dimension: 'fit' })).toEqual(['dimension']);
    expect(issuePaths(scores.Reason, { ...reason, direction: 'up' })).toEqual(['direction']);
    expect(issuePaths(scores.Reason, { ...reason, contribution: -3 })).toEqual(['contribution']);
    expect(issuePaths(scores.Reason, { ...reason, feature: 'has spaces' })).toEqual(['feature']);
  });

  it('model versions have a known kind and status and metrics in range', () => {
    const model = models.modelVersionExample;
    expect(issuePaths(models.ModelVersion, { ...model, kind: 'neural_net' })).toEqual(['kind']);
    expect(issuePaths(models.ModelVersion, { ...model, status: 'archived' })).toEqual(['status']);
    expect(issuePaths(models.ModelVersion, { ...model, metrics: { ...model.metrics, rocAuc: 1.3 } })).toEqual([
      'metrics.rocAuc',
    ]);
    expect(models.ModelVersion.safeParse({ ...model, kind: 'icp_rules', metrics: null }).success).toBe(true);
  });

  it('research requests name exactly one of a company and a lead', () => {
    expect(research.ResearchRequest.safeParse({ companyId: 'c-1', leadId: 'l-1' }).success).toBe(false);
    expect(research.ResearchRequest.safeParse({ refresh: true }).success).toBe(false);
    expect(research.ResearchRequest.safeParse({ leadId: 'l-1', refresh: true }).success).toBe(true);
    expect(research.ResearchRequest.safeParse({ companyId: 'not an id!' }).success).toBe(false);
  });

  it('research reports have a known status', () => {
    expect(issuePaths(research.ResearchReport, { ...research.researchReportExample, status: 'done' })).toEqual([
      'status',
    ]);
  });

  it('transcript segments do not end before they start', () => {
    const segment = calls.transcriptSegmentUpsertExample;
    expect(issuePaths(calls.TranscriptSegmentUpsert, { ...segment, startMs: 5000, endMs: 4999 })).toEqual(['endMs']);
    expect(calls.TranscriptSegmentUpsert.safeParse({ ...segment, startMs: 5000, endMs: 5000 }).success).toBe(true);
    expect(
      issuePaths(calls.TranscriptSegment, { ...calls.transcriptSegmentExample, startMs: 9000, endMs: 10 }),
    ).toEqual(['endMs']);
    expect(issuePaths(calls.TranscriptSegmentUpsert, { ...segment, speaker: 'host' })).toEqual(['speaker']);
    expect(issuePaths(calls.TranscriptSegmentUpsert, { ...segment, startMs: -1 })).toContain('startMs');
    expect(issuePaths(calls.TranscriptSegmentUpsert, { ...segment, text: '   ' })).toEqual(['text']);
  });

  it('segment batches hold 1 to 500 distinct segments', () => {
    const segment = calls.transcriptSegmentUpsertExample;
    const batchOf = (count: number) => ({
      segments: Array.from({ length: count }, (_, index) => ({ ...segment, segmentId: `seg-${index}` })),
    });
    expect(calls.TranscriptSegmentBatch.safeParse(batchOf(0)).success).toBe(false);
    expect(calls.TranscriptSegmentBatch.safeParse(batchOf(1)).success).toBe(true);
    expect(calls.TranscriptSegmentBatch.safeParse(batchOf(500)).success).toBe(true);
    expect(calls.TranscriptSegmentBatch.safeParse(batchOf(501)).success).toBe(false);
    expect(issuePaths(calls.TranscriptSegmentBatch, { segments: [segment, { ...segment, final: false }] })).toEqual([
      'segments.1.segmentId',
    ]);
  });

  it('calls and suggestions use known platforms, kinds and sections', () => {
    expect(issuePaths(calls.CallStart, { ...calls.callStartExample, platform: 'skype' })).toEqual(['platform']);
    expect(issuePaths(calls.Suggestion, { ...calls.suggestionExample, kind: 'joke' })).toEqual(['kind']);
    expect(
      issuePaths(calls.Suggestion, {
        ...calls.suggestionExample,
        source: { battlecardId: 'd7e2', section: 'gossip' },
      }),
    ).toEqual(['source.section']);
    expect(calls.CallEventsQuery.safeParse({ waitSeconds: '15' }).success).toBe(false);
  });

  it('battlecards have valid sections and updates change something', () => {
    const card = battlecards.battlecardCreateExample;
    const [first] = card.sections;
    expect(
      issuePaths(battlecards.BattlecardCreate, { ...card, sections: [first, { ...first, title: 'Again' }] }),
    ).toEqual(['sections.1.key']);
    expect(issuePaths(battlecards.BattlecardCreate, { ...card, sections: [] })).toEqual(['sections']);
    expect(issuePaths(battlecards.BattlecardCreate, { ...card, sections: [{ ...first, key: 'gossip' }] })).toEqual([
      'sections.0.key',
    ]);
    expect(issuePaths(battlecards.BattlecardCreate, { ...card, staleAfterDays: 0 })).toEqual(['staleAfterDays']);
    expect(battlecards.BattlecardUpdate.safeParse({}).success).toBe(false);
    expect(battlecards.CompetitorCreate.safeParse({ name: 'Routeline', website: 'ftp://routeline.com' }).success).toBe(
      false,
    );
  });

  it('routing conditions take the operand their operator needs', () => {
    const condition = (operator: string, value: unknown) =>
      routing.RoutingCondition.safeParse({ field: 'company.employees', operator, value }).success;
    expect(condition('between', [100, 2000])).toBe(true);
    expect(condition('between', [2000, 100])).toBe(false);
    expect(condition('between', [100])).toBe(false);
    expect(condition('gte', 50)).toBe(true);
    expect(condition('gte', '50')).toBe(false);
    expect(condition('in', ['GB', 'IE'])).toBe(true);
    expect(condition('in', 'GB')).toBe(false);
    expect(condition('in', [])).toBe(false);
    expect(condition('eq', ['GB'])).toBe(false);
    expect(condition('exists', true)).toBe(true);
    expect(condition('exists', 'yes')).toBe(false);
    expect(condition('starts_with', '')).toBe(false);
    expect(condition('like', 'x')).toBe(false);
    expect(routing.RoutingCondition.safeParse({ field: 'lead.salary', operator: 'gt', value: 1 }).success).toBe(false);
    expect(
      routing.RoutingCondition.safeParse({ field: 'lead.customFields.Fleet_Size__c', operator: 'gt', value: 1 })
        .success,
    ).toBe(true);
  });

  it('routing targets and rule sets are well formed', () => {
    const rules = routing.routingRuleSetCreateExample.rules;
    const [first] = rules;
    expect(routing.RoutingRuleSetCreate.safeParse({ rules: [first, first] }).success).toBe(false);
    const pool = (members: unknown) => routing.RoutingTarget.safeParse({ type: 'pool', members }).success;
    expect(pool([{ userId: 'u-1', weight: 1 }])).toBe(true);
    expect(pool([])).toBe(false);
    expect(pool([{ userId: 'u-1', weight: 0 }])).toBe(false);
    expect(
      pool([
        { userId: 'u-1', weight: 1 },
        { userId: 'u-1', weight: 2 },
      ]),
    ).toBe(false);
    expect(routing.RoutingTarget.safeParse({ type: 'queue' }).success).toBe(false);
    expect(routing.RoutingTarget.safeParse({ type: 'user' }).success).toBe(false);
  });

  it('routing decisions skip for known reasons only', () => {
    const decision = routing.routingDecisionExample;
    expect(
      issuePaths(routing.RoutingDecision, { ...decision, skipped: [{ userId: 'u-1', reason: 'on_holiday' }] }),
    ).toEqual(['skipped.0.reason']);
    expect(
      issuePaths(routing.RoutingDecision, {
        ...decision,
        matchedAccount: { ...decision.matchedAccount, confidence: 1.5 },
      }),
    ).toEqual(['matchedAccount.confidence']);
  });

  it('a lead is routed by id or as a new lead, never both or neither', () => {
    expect(routing.RouteLeadRequest.safeParse({ leadId: 'l-1' }).success).toBe(true);
    expect(routing.RouteLeadRequest.safeParse({ lead: { crmId: '00Q5g00000A1b2C', lastName: 'Okafor' } }).success).toBe(
      true,
    );
    expect(issuePaths(routing.RouteLeadRequest, {})).toEqual(['leadId']);
    expect(issuePaths(routing.RouteLeadRequest, { leadId: 'l-1', lead: { crmId: 'x', lastName: 'y' } })).toEqual([
      'leadId',
    ]);
    expect(issuePaths(routing.RouteLeadRequest, { lead: { crmId: 'x' } })).toEqual(['lead.lastName']);
  });

  it('a simulation takes up to 500 rules and up to 10,000 leads', () => {
    const rules = Array.from({ length: 500 }, (_, index) => ({ ...routing.routingRuleExample, id: `rule-${index}` }));
    expect(routing.RoutingSimulationRequest.parse({ rules }).leads).toBe(500);
    expect(
      issuePaths(routing.RoutingSimulationRequest, { rules: [...rules, { ...rules[0], id: 'one-more' }] }),
    ).toEqual(['rules']);
    expect(issuePaths(routing.RoutingSimulationRequest, { rules, leads: 10_001 })).toEqual(['leads']);
  });

  it('users have a real time zone and sane working hours', () => {
    const user = routing.userUpsertExample;
    expect(issuePaths(routing.UserUpsert, { ...user, timeZone: 'Europe/Londres' })).toEqual(['timeZone']);
    expect(routing.UserUpsert.safeParse({ ...user, timeZone: 'UTC' }).success).toBe(true);
    const hours = (workingHours: unknown) => issuePaths(routing.UserUpsert, { ...user, workingHours });
    expect(hours([{ day: 1, start: '17:00', end: '09:00' }])).toEqual(['workingHours.0.end']);
    expect(hours([{ day: 7, start: '09:00', end: '17:00' }])).toEqual(['workingHours.0.day']);
    expect(hours([{ day: 1, start: '9:00', end: '17:00' }])).toContain('workingHours.0.start');
    expect(hours([{ day: 5, start: '18:00', end: '24:00' }])).toEqual([]);
    expect(issuePaths(routing.UserUpsert, { ...user, role: 'owner' })).toEqual(['role']);
    expect(issuePaths(routing.UserUpsert, { ...user, email: 'marcus' })).toEqual(['email']);
  });

  it('settings keep tiers ordered, ranges sensible and mappings unique', () => {
    const valid = settings.tenantSettingsExample;
    const withScoring = (changed: object) => ({ ...valid, scoring: { ...valid.scoring, ...changed } });
    expect(issuePaths(settings.TenantSettings, withScoring({ evTiers: { hot: 40, warm: 40 } }))).toEqual([
      'scoring.evTiers.hot',
    ]);
    expect(issuePaths(settings.TenantSettings, withScoring({ currency: 'usd' }))).toEqual(['scoring.currency']);
    expect(
      settings.TenantSettings.safeParse(
        withScoring({ icpWeights: [{ attribute: 'company.employees', value: [500, 100], weight: 10 }] }),
      ).success,
    ).toBe(false);
    expect(
      settings.TenantSettings.safeParse(
        withScoring({ icpWeights: [{ attribute: 'company.employees', value: [null, null], weight: 10 }] }),
      ).success,
    ).toBe(false);
    const mapping = { crmField: 'Fleet_Size__c', feature: 'custom.fleet_size', label: 'Fleet size' };
    expect(settings.TenantSettings.safeParse({ ...valid, fieldMapping: [mapping, mapping] }).success).toBe(false);
    expect(settings.TenantSettingsPatch.safeParse({}).success).toBe(false);
    expect(settings.TenantSettingsPatch.safeParse({ scoring: { evTiers: { hot: 30, warm: 60 } } }).success).toBe(false);
    expect(settings.TenantSettingsPatch.safeParse({ routing: { defaultSlaMinutes: 0 } }).success).toBe(false);
    expect(settings.TenantSettingsPatch.safeParse({ assistant: { repeatWindowSeconds: 120 } }).success).toBe(true);
  });

  it('opportunities close on a calendar date', () => {
    const opportunity = opportunities.opportunityExample;
    expect(issuePaths(opportunities.Opportunity, { ...opportunity, closeDate: '2027-02-30' })).toEqual(['closeDate']);
    expect(issuePaths(opportunities.Opportunity, { ...opportunity, createdAt: '24/11/2026' })).toEqual(['createdAt']);
  });

  it('companies carry an account owner by user id, which an upsert may leave out or clear', () => {
    expect(companies.Company.parse(companies.companyExample)).toEqual(companies.companyExample);
    expect(issuePaths(companies.Company, { ...companies.companyExample, ownerId: null })).toEqual([]);
    const { ownerId: _owner, ...ownerless } = companies.companyExample;
    expect(issuePaths(companies.Company, ownerless)).toEqual(['ownerId']);
    const upsert = { crmId: '0015g00000XyZabAAB', name: 'Northwind Logistics Ltd' };
    for (const ownerId of [undefined, null, '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913'])
      expect(issuePaths(companies.CompanyUpsert, { ...upsert, ownerId })).toEqual([]);
    expect(issuePaths(companies.CompanyUpsert, { ...upsert, ownerId: 'not an id!' })).toEqual(['ownerId']);
    expect(issuePaths(companies.CompanyUpsert, { ...upsert, ownerId: '' })).toContain('ownerId');
  });

  it('a CRM mapping can point a company’s owner at a CRM field', () => {
    expect(crmFields.RECORD_FIELDS.company).toContain('owner');
    expect(crmFields.CrmMappingFields.safeParse({ company: { owner: 'OwnerId' } }).success).toBe(true);
    expect(crmFields.CrmMappingFields.safeParse({ company: { owner: null } }).success).toBe(true);
  });
});
