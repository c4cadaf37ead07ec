import type { RoutingRuleInput } from '@sdr/shared';
import { conditionHolds, ruleMatches, type RoutingContext } from '../../src/agents/routing/rule-match.ts';
import { ruleSetProblems } from '../../src/agents/routing/rule-validation.ts';

const context: RoutingContext = {
  lead: { country: 'GB', source: 'Webinar', language: 'en-GB', customFields: { Fleet_Size__c: 140 } },
  company: { industry: 'Logistics', employees: 320, annualRevenue: '25000000' },
  score: { evTier: 'A', ev: 82 },
};

describe('routing conditions', () => {
  it('reads lead, company, score and custom fields, ignoring case in text', () => {
    expect(ruleMatches({ conditions: [] }, context)).toBe(true);
    expect(
      ruleMatches(
        {
          conditions: [
            { field: 'lead.country', operator: 'in', value: ['gb', 'IE'] },
            { field: 'company.industry', operator: 'eq', value: 'logistics' },
            { field: 'company.employees', operator: 'between', value: [200, 500] },
            { field: 'company.annualRevenue', operator: 'gte', value: 10_000_000 },
            { field: 'score.evTier', operator: 'eq', value: 'A' },
            { field: 'lead.customFields.Fleet_Size__c', operator: 'gt', value: 100 },
            { field: 'lead.language', operator: 'starts_with', value: 'EN' },
          ],
        },
        context,
      ),
    ).toBe(true);
    expect(ruleMatches({ conditions: [{ field: 'company.employees', operator: 'lt', value: 100 }] }, context)).toBe(
      false,
    );
  });

  it('fails every operator on a missing value but exists', () => {
    expect(conditionHolds({ field: 'lead.region', operator: 'neq', value: 'x' }, null)).toBe(false);
    expect(conditionHolds({ field: 'lead.region', operator: 'not_in', value: ['x'] }, undefined)).toBe(false);
    expect(conditionHolds({ field: 'lead.region', operator: 'exists', value: false }, '')).toBe(true);
    expect(conditionHolds({ field: 'lead.region', operator: 'exists', value: true }, 'Kent')).toBe(true);
  });
});

describe('rule set validation', () => {
  const users = [
    { id: 'ana', active: true, skills: ['Dashcams'] },
    { id: 'ben', active: true, skills: [] },
    { id: 'old', active: false, skills: [] },
  ];
  const rule = (id: string, over: Partial<RoutingRuleInput> = {}): RoutingRuleInput => ({
    id,
    name: id,
    conditions: [],
    target: { type: 'pool', members: [{ userId: 'ana', weight: 1 }] },
    skills: [],
    slaMinutes: null,
    ...over,
  });

  it('accepts a sound set', () => {
    expect(
      ruleSetProblems(
        [
          rule('smb', { conditions: [{ field: 'company.employees', operator: 'between', value: [1, 49] }] }),
          rule('mid', { conditions: [{ field: 'company.employees', operator: 'between', value: [50, 499] }] }),
          rule('accounts', { target: { type: 'account_owner' } }),
          rule('rest'),
        ],
        users,
      ),
    ).toEqual([]);
  });

  it('lists every problem with where it is', () => {
    const problems = ruleSetProblems(
      [
        rule('smb', { conditions: [{ field: 'company.employees', operator: 'between', value: [1, 50] }] }),
        rule('mid', {
          conditions: [{ field: 'company.employees', operator: 'between', value: [50, 500] }],
          target: { type: 'user', userId: 'old' },
        }),
        rule('never', {
          conditions: [
            { field: 'company.employees', operator: 'gt', value: 100 },
            { field: 'company.employees', operator: 'lt', value: 50 },
          ],
        }),
        rule('ghosts', {
          target: {
            type: 'pool',
            members: [
              { userId: 'nobody', weight: 1 },
              { userId: 'old', weight: 2 },
            ],
          },
        }),
        rule('catch-all'),
        rule('again'),
      ],
      users,
    );
    expect(problems).toEqual([
      { field: 'body.rules.1.target.userId', message: 'this user is inactive' },
      { field: 'body.rules.1.conditions', message: "company.employees band 50–500 overlaps rule smb's 1–50 (50–50)" },
      {
        field: 'body.rules.2.conditions',
        message: "no value of company.employees meets all of this rule's conditions: the rule can never match",
      },
      { field: 'body.rules.3.target.members.0.userId', message: 'no user with this id' },
      { field: 'body.rules.3.target.members', message: 'the pool has no active member: empty pool' },
      { field: 'body.rules.5', message: 'unreachable: rule catch-all before it has the same conditions and target' },
    ]);
  });

  it('refuses a rule that asks for skills nobody it names has', () => {
    const problems = ruleSetProblems(
      [
        rule('dashcams', { skills: ['dashcams'] }),
        rule('fuel', { skills: ['Fuel cards'], target: { type: 'user', userId: 'ben' } }),
        rule('owners', { skills: ['Fuel cards'], target: { type: 'account_owner' } }),
      ],
      users,
    );
    expect(problems).toEqual([
      {
        field: 'body.rules.1.skills',
        message: 'nobody the rule names has all of Fuel cards: the rule can never assign a lead',
      },
    ]);
  });
});
