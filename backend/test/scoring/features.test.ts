import { BUILT_IN_FEATURES, customFeatures, featureTable } from '../../src/agents/scoring/features.ts';
import type { LeadContext } from '../../src/agents/scoring/lead-context.ts';
import { departmentOf, seniorityOf } from '../../src/agents/scoring/title-seniority.ts';
import { tenantFeatures } from '../../src/agents/scoring/tenant-features.ts';
import { defaultTenantSettings } from '@sdr/shared';

const now = new Date('2026-11-24T09:00:00Z');
const day = 86_400_000;

function context(
  overrides: Partial<LeadContext['lead']> = {},
  company: Partial<NonNullable<LeadContext['company']>> | null = {},
): LeadContext {
  return {
    lead: {
      tenantId: 't',
      id: 'l1',
      crmId: 'c1',
      crmType: 'lead',
      firstName: 'A',
      lastName: 'B',
      email: 'a@acme.com',
      phone: null,
      title: 'VP Operations',
      companyId: 'co1',
      companyName: 'Acme',
      source: 'Webinar',
      status: 'new',
      country: 'GB',
      region: null,
      language: 'en',
      ownerId: null,
      customFields: { Fleet_Size__c: '140', Tier__c: 'Select' },
      convertedAt: null,
      crmUpdatedAt: null,
      createdAt: new Date(now.getTime() - 40 * day),
      updatedAt: now,
      ...overrides,
    },
    company:
      company === null
        ? null
        : {
            tenantId: 't',
            id: 'co1',
            crmId: null,
            name: 'Acme',
            domain: 'acme.com',
            website: null,
            industry: 'Logistics',
            employees: 420,
            annualRevenue: null,
            country: 'GB',
            region: null,
            city: null,
            postcode: null,
            companyNumber: null,
            registerNumber: null,
            registerNumberSource: null,
            ownerId: null,
            customFields: {},
            createdAt: now,
            updatedAt: now,
            ...company,
          },
    activities: [
      {
        tenantId: 't',
        id: 'a1',
        crmId: null,
        leadId: 'l1',
        type: 'email',
        direction: 'outbound',
        subject: null,
        body: null,
        outcome: null,
        occurredAt: new Date(now.getTime() - 20 * day),
        createdAt: now,
      },
      {
        tenantId: 't',
        id: 'a2',
        crmId: null,
        leadId: 'l1',
        type: 'web',
        direction: null,
        subject: null,
        body: null,
        outcome: null,
        occurredAt: new Date(now.getTime() - 3 * day),
        createdAt: now,
      },
      {
        tenantId: 't',
        id: 'a3',
        crmId: null,
        leadId: 'l1',
        type: 'meeting',
        direction: 'outbound',
        subject: null,
        body: null,
        outcome: null,
        occurredAt: new Date(now.getTime() - 2 * day),
        createdAt: now,
      },
    ],
    opportunities: [],
    closeDatePushes: 0,
    stageEnteredAt: null,
    callSignals: { objections: 0, competitors: 0 },
  };
}

const values = (c: LeadContext, asOf = now) =>
  Object.fromEntries(BUILT_IN_FEATURES.map((f) => [f.key, f.value(c, asOf)]));

describe('title parsing', () => {
  it.each([
    ['VP Operations', 'VP'],
    ['Vice President, Fleet', 'VP'],
    ['Assistant to the VP', 'Individual contributor'],
    ['Chief Executive Officer', 'C-level / Owner'],
    ['Geschäftsführer', 'C-level / Owner'],
    ['Head of Transport', 'Head / Director'],
    ['Diretor de Operações', 'Head / Director'],
    ['Fleet Manager', 'Manager'],
    ['Senior Analyst', 'Senior'],
    ['Dispatcher', 'Individual contributor'],
    ['Summer Intern', 'Intern'],
    ['Select', null],
    ['', null],
  ])('%s → %s', (title, level) => {
    expect(seniorityOf(title || null)).toBe(level);
  });

  it('finds the function in a title', () => {
    expect(departmentOf('Head of Fleet Operations')).toBe('Fleet / Logistics');
    expect(departmentOf('CFO')).toBe('Finance');
    expect(departmentOf('Rockstar')).toBeNull();
  });
});

describe('feature pipeline', () => {
  it('derives firmographic, title, e-mail and engagement features as of a moment', () => {
    expect(values(context())).toEqual({
      'company.employees': 420,
      'company.annual_revenue': null,
      'company.industry': 'Logistics',
      'lead.country': 'GB',
      'lead.source': 'Webinar',
      'lead.seniority': 5,
      'lead.department': 'Operations',
      'lead.email_domain': 'company domain',
      'activity.touches_30d': 3,
      'activity.inbound_30d': 1,
      'activity.meetings': 1,
      'activity.days_since_last': 2,
    });
    // Ten days earlier only the first touch had happened.
    const earlier = values(context(), new Date(now.getTime() - 10 * day));
    expect(earlier).toMatchObject({
      'activity.touches_30d': 1,
      'activity.meetings': 0,
      'activity.days_since_last': 10,
    });
  });

  it('reads junk and missing values as missing instead of failing', () => {
    const junk = values(context({ title: 'Select', source: 'unknown', email: 'n/a', country: '--None--' }, null));
    expect(junk).toMatchObject({
      'company.employees': null,
      'company.industry': null,
      'lead.country': null,
      'lead.source': null,
      'lead.seniority': null,
      'lead.email_domain': null,
    });
    expect(values(context({ email: 'someone@gmail.com' }))['lead.email_domain']).toBe('free mail');
  });

  it('adds the fit with the ideal customer profile as a feature once the tenant has one', () => {
    const settings = {
      ...defaultTenantSettings,
      scoring: {
        ...defaultTenantSettings.scoring,
        icpWeights: [
          { attribute: 'company.industry', value: 'Logistics', weight: 20 },
          { attribute: 'company.employees', value: [200, null] as [number, null], weight: 10 },
          { attribute: 'lead.source', value: 'Paid Search', weight: -15 },
        ],
      },
    };
    const fit = tenantFeatures(settings, []).find((f) => f.key === 'icp.fit')!;
    expect(fit.label).toBe('Fit with the ideal customer profile');
    expect(fit.value(context(), now)).toBe(30);
    expect(fit.show(30)).toBe('+30 ICP points');
    expect(tenantFeatures(defaultTenantSettings, []).some((f) => f.key === 'icp.fit')).toBe(false);
  });

  it('turns mapped CRM fields into labelled features of the right kind', () => {
    const sample = [context()];
    const [fleet, tier] = customFeatures(
      [
        { crmField: 'Fleet_Size__c', feature: 'fleet_size', label: 'Fleet size' },
        { crmField: 'Tier__c', feature: 'tier', label: 'Tier' },
      ],
      sample,
    );
    expect(fleet).toMatchObject({ key: 'custom.fleet_size', label: 'Fleet size', kind: 'numeric' });
    expect(fleet!.value(context(), now)).toBe(140);
    expect(tier!.value(context(), now)).toBeNull();
    const table = featureTable([...BUILT_IN_FEATURES, fleet!], sample, () => now);
    expect(table.columns.at(-1)).toMatchObject({ name: 'custom.fleet_size', kind: 'numeric' });
  });
});
