import type {
  FilterOperatorEnum,
  PublicObjectSearchRequest,
} from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import type { HubSpotStandIn } from './index.ts';
import { expectServedBodiesConform, objectFolder } from './response-models.ts';
import { expectRequiredAttributes } from './required-attributes.ts';
import { failureOf, signedIn, type SignedIn } from './test-support.ts';

type Operator = `${FilterOperatorEnum}`;

function filter(
  propertyName: string,
  operator: Operator,
  value?: string,
  more: { highValue?: string; values?: string[] } = {},
) {
  return { propertyName, operator: operator as FilterOperatorEnum, ...(value === undefined ? {} : { value }), ...more };
}

// HubSpot documents sorts as `{ propertyName, direction }`; the SDK's model types them as strings but sends
// whatever it is given.
function sortBy(propertyName: string, direction: 'ASCENDING' | 'DESCENDING'): string {
  return { propertyName, direction } as unknown as string;
}

describe('HubSpot stand-in: CRM search', () => {
  let standIn: HubSpotStandIn;
  let client: SignedIn['client'];
  let now: number;

  beforeEach(async () => {
    now = Date.parse('2025-01-01T00:00:00Z');
    ({ standIn, client } = await signedIn({ now: () => new Date(now) }));
  });

  afterEach(async () => {
    expectServedBodiesConform(standIn.calls);
    await standIn.close();
  });

  const emailsOf = async (request: PublicObjectSearchRequest) => {
    now += 1_000;
    const result = await client.crm.contacts.searchApi.doSearch({ limit: 100, ...request });
    expectRequiredAttributes(
      result,
      'CollectionResponseWithTotalSimplePublicObjectForwardPaging',
      objectFolder('contacts'),
      'instance',
    );
    return result.results.map((r) => r.properties.email).sort();
  };

  it('filters with every documented operator; groups are ORed, filters ANDed', async () => {
    standIn.create('contacts', { email: 'ada@acme.example', firstname: 'Ada', lifecyclestage: 'lead', phone: '1' });
    standIn.create('contacts', { email: 'bob@acme.example', firstname: 'Bob', lifecyclestage: 'customer' });
    standIn.create('contacts', { email: 'cy@other.example', firstname: 'Cy', lifecyclestage: 'opportunity' });
    standIn.create('contacts', { email: 'di@other.example', firstname: 'Di' });

    expect(await emailsOf({ filterGroups: [{ filters: [filter('email', 'EQ', 'ADA@acme.example')] }] })).toEqual([
      'ada@acme.example',
    ]);
    expect(await emailsOf({ filterGroups: [{ filters: [filter('lifecyclestage', 'NEQ', 'lead')] }] })).toEqual([
      'bob@acme.example',
      'cy@other.example',
      'di@other.example',
    ]);
    expect(
      await emailsOf({
        filterGroups: [{ filters: [filter('lifecyclestage', 'IN', undefined, { values: ['lead', 'customer'] })] }],
      }),
    ).toEqual(['ada@acme.example', 'bob@acme.example']);
    expect(
      await emailsOf({
        filterGroups: [{ filters: [filter('lifecyclestage', 'NOT_IN', undefined, { values: ['lead', 'customer'] })] }],
      }),
    ).toEqual(['cy@other.example', 'di@other.example']);
    expect(await emailsOf({ filterGroups: [{ filters: [filter('phone', 'HAS_PROPERTY')] }] })).toEqual([
      'ada@acme.example',
    ]);
    expect(await emailsOf({ filterGroups: [{ filters: [filter('lifecyclestage', 'NOT_HAS_PROPERTY')] }] })).toEqual([
      'di@other.example',
    ]);
    expect(
      await emailsOf({ filterGroups: [{ filters: [filter('email', 'CONTAINS_TOKEN', '*@acme.example')] }] }),
    ).toEqual(['ada@acme.example', 'bob@acme.example']);
    expect(
      await emailsOf({
        filterGroups: [
          { filters: [filter('email', 'CONTAINS_TOKEN', '*@other.example'), filter('lifecyclestage', 'HAS_PROPERTY')] },
          { filters: [filter('firstname', 'EQ', 'bob')] },
        ],
      }),
    ).toEqual(['bob@acme.example', 'cy@other.example']);
    expect(await emailsOf({ query: 'ada' })).toEqual(['ada@acme.example']);
  });

  it('compares numbers numerically and datetimes given as epoch millis or ISO strings', async () => {
    standIn.create('deals', { dealname: 'small', amount: 900, closedate: '2025-02-01T00:00:00Z' });
    standIn.create('deals', { dealname: 'medium', amount: 5000, closedate: '2025-03-01T00:00:00Z' });
    standIn.create('deals', { dealname: 'large', amount: 12000, closedate: '2025-04-01T00:00:00Z' });
    const names = async (filters: ReturnType<typeof filter>[]) =>
      (
        await client.crm.deals.searchApi.doSearch({
          filterGroups: [{ filters }],
          sorts: [sortBy('amount', 'DESCENDING')],
          properties: ['dealname'],
        })
      ).results.map((r) => r.properties.dealname);

    expect(await names([filter('amount', 'GT', '1000')])).toEqual(['large', 'medium']);
    expect(await names([filter('amount', 'LTE', '5000')])).toEqual(['medium', 'small']);
    now += 1_000;
    expect(
      await names([
        filter('closedate', 'BETWEEN', String(Date.parse('2025-02-15T00:00:00Z')), {
          highValue: '2025-04-01T00:00:00Z',
        }),
      ]),
    ).toEqual(['large', 'medium']);
    expect(await names([filter('closedate', 'LT', '2025-03-01T00:00:00.000Z')])).toEqual(['small']);
    expect(await names([filter('closedate', 'GTE', String(Date.parse('2025-03-01T00:00:00Z')))])).toEqual([
      'large',
      'medium',
    ]);
  });

  it('returns the default properties, or the named ones plus id and timestamps', async () => {
    standIn.create('contacts', { email: 'p@example.com', jobtitle: 'CEO', firstname: 'P' });

    const defaults = await client.crm.contacts.searchApi.doSearch({});
    const named = await client.crm.contacts.searchApi.doSearch({ properties: ['jobtitle'] });

    expect(defaults.total).toBe(1);
    expect(defaults.paging).toBeUndefined();
    expect(Object.keys(defaults.results[0]!.properties).sort()).toEqual([
      'createdate',
      'email',
      'firstname',
      'hs_object_id',
      'lastmodifieddate',
      'lastname',
    ]);
    expect(Object.keys(named.results[0]!.properties).sort()).toEqual([
      'createdate',
      'hs_object_id',
      'jobtitle',
      'lastmodifieddate',
    ]);
  });

  it('supports an incremental sync over 1,000 contacts: lastmodifieddate GT cursor, ascending, paged with after', async () => {
    const start = Date.parse('2024-06-01T00:00:00Z');
    for (let i = 0; i < 1000; i += 1) {
      const at = new Date(start + i * 60_000);
      standIn.create('contacts', { email: `c${i}@example.com`, firstname: `C${i}` }, { createdAt: at, updatedAt: at });
    }

    const sync = async (cursor: number) => {
      const seen: Array<{ id: string; modified: string }> = [];
      let after: string | undefined;
      do {
        now += 1_000; // one page a second keeps within the search rate limit
        const page = await client.crm.contacts.searchApi.doSearch({
          filterGroups: [{ filters: [filter('lastmodifieddate', 'GT', String(cursor))] }],
          sorts: [sortBy('lastmodifieddate', 'ASCENDING')],
          properties: ['email', 'lastmodifieddate'],
          limit: 100,
          ...(after ? { after } : {}),
        });
        seen.push(...page.results.map((r) => ({ id: r.id, modified: r.properties.lastmodifieddate! })));
        after = page.paging?.next?.after;
      } while (after);
      return seen;
    };

    const first = await sync(0);
    expect(first).toHaveLength(1000);
    expect(new Set(first.map((r) => r.id)).size).toBe(1000);
    const modified = first.map((r) => Date.parse(r.modified));
    expect([...modified].sort((a, b) => a - b)).toEqual(modified);

    const cursor = modified.at(-1)!;
    now += 60_000;
    const changed = [first[10]!.id, first[500]!.id, first[999]!.id];
    for (const id of changed) await client.crm.contacts.basicApi.update(id, { properties: { jobtitle: 'Changed' } });
    const created = await client.crm.contacts.basicApi.create({ properties: { email: 'new@example.com' } });

    const second = await sync(cursor);
    expect(second.map((r) => r.id)).toEqual([...changed, created.id]);
    expect(await sync(Date.parse(second.at(-1)!.modified))).toEqual([]);
  });

  it('serves the generic objects API with string sorts, after "0" and GTE on epoch millis', async () => {
    const base = Date.parse('2024-12-01T00:00:00Z');
    for (let i = 0; i < 5; i += 1) {
      const at = new Date(base + i * 1_000);
      standIn.create('companies', { name: `Co ${i}` }, { createdAt: at, updatedAt: at });
    }

    const page = await client.crm.objects.searchApi.doSearch('companies', {
      filterGroups: [{ filters: [filter('hs_lastmodifieddate', 'GTE', String(base + 2_000))] }],
      sorts: ['hs_lastmodifieddate'],
      properties: ['name', 'hs_lastmodifieddate'],
      limit: 2,
      after: '0',
    });
    const read = await client.crm.objects.batchApi.read('companies', {
      inputs: page.results.map(({ id }) => ({ id })),
      properties: ['name'],
      propertiesWithHistory: [],
    });

    expectRequiredAttributes(
      page,
      'CollectionResponseWithTotalSimplePublicObjectForwardPaging',
      'crm/objects',
      'instance',
    );
    expectRequiredAttributes(read, 'BatchResponseSimplePublicObject', 'crm/objects', 'instance');
    expect(page.total).toBe(3);
    expect(page.results.map((r) => r.properties.name)).toEqual(['Co 2', 'Co 3']);
    expect(page.paging?.next?.after).toBe('2');
    expect(read.results.map((r) => r.properties.name)).toEqual(['Co 2', 'Co 3']);
  });

  it('syncs calls incrementally: hs_lastmodifieddate GTE, sorted, paged, then batch-read with their contacts', async () => {
    const base = Date.parse('2025-01-10T00:00:00Z');
    const contact = standIn.create('contacts', { email: 'callee@example.com' });
    const calls = [0, 1, 2, 3, 4].map((i) => {
      const at = new Date(base + i * 60_000);
      const call = standIn.create(
        'calls',
        { hs_timestamp: at.toISOString(), hs_call_title: `Call ${i}`, hs_call_status: 'COMPLETED' },
        { createdAt: at, updatedAt: at },
      );
      standIn.associate('calls', call.id, 'contacts', contact.id);
      return call;
    });
    // An email in the same window stays out of a calls search.
    standIn.create('emails', { hs_timestamp: new Date(base).toISOString() }, { createdAt: new Date(base + 180_000) });

    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      now += 1_000;
      const page = await client.crm.objects.searchApi.doSearch('calls', {
        filterGroups: [{ filters: [filter('hs_lastmodifieddate', 'GTE', String(base + 60_000))] }],
        sorts: [sortBy('hs_lastmodifieddate', 'ASCENDING')],
        properties: ['hs_call_title', 'hs_lastmodifieddate'],
        limit: 2,
        ...(after ? { after } : {}),
      });
      expectRequiredAttributes(
        page,
        'CollectionResponseWithTotalSimplePublicObjectForwardPaging',
        'crm/objects',
        'instance',
      );
      expect(page.total).toBe(4);
      seen.push(...page.results.map((r) => r.id));
      after = page.paging?.next?.after;
      pages += 1;
    } while (after);
    const read = await client.crm.objects.batchApi.read('calls', {
      inputs: seen.map((id) => ({ id })),
      properties: ['hs_call_title', 'hs_call_status', 'hs_timestamp'],
      propertiesWithHistory: [],
    });
    const links = await client.crm.associations.v4.batchApi.getPage('calls', 'contacts', {
      inputs: seen.map((id) => ({ id })),
    });

    expect(pages).toBe(2);
    expect(seen).toEqual(calls.slice(1).map((c) => c.id));
    expectRequiredAttributes(read, 'BatchResponseSimplePublicObject', 'crm/objects', 'instance');
    expect(read.results.map((r) => [r.properties.hs_call_title, r.properties.hs_call_status]).sort()).toEqual([
      ['Call 1', 'COMPLETED'],
      ['Call 2', 'COMPLETED'],
      ['Call 3', 'COMPLETED'],
      ['Call 4', 'COMPLETED'],
    ]);
    expect(
      links.results.map((r) => [r._from.id, r.to.map((t) => [String(t.toObjectId), t.associationTypes[0]?.typeId])]),
    ).toEqual(seen.map((id) => [id, [[contact.id, 194]]]));
  });

  it('finds engagements by their query text: call title and body, email subject and text, meeting title and body', async () => {
    const stamp = { hs_timestamp: '2025-01-01T00:00:00Z' };
    standIn.create('calls', { ...stamp, hs_call_title: 'Pricing call' });
    standIn.create('calls', { ...stamp, hs_call_body: 'Talked pricing with procurement' });
    standIn.create('calls', { ...stamp, hs_call_title: 'Intro' });
    standIn.create('emails', { ...stamp, hs_email_subject: 'Pricing sheet' });
    standIn.create('emails', { ...stamp, hs_email_text: 'Attached the pricing' });
    standIn.create('meetings', { ...stamp, hs_meeting_title: 'Pricing review' });
    standIn.create('meetings', { ...stamp, hs_meeting_body: 'Not about money' });

    const totals: number[] = [];
    for (const type of ['calls', 'emails', 'meetings']) {
      now += 1_000;
      totals.push((await client.crm.objects.searchApi.doSearch(type, { query: 'pricing' })).total);
    }

    expect(totals).toEqual([2, 2, 1]);
  });

  it('rejects a page size above 200', async () => {
    const failure = await failureOf(client.crm.contacts.searchApi.doSearch({ limit: 201 }));

    expect([failure.code, failure.body.category]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('rate-limits search on its own, per second, with HubSpot’s secondly 429', async () => {
    await standIn.close();
    ({ standIn, client } = await signedIn({ now: () => new Date(now), searchPerSecondLimit: 2 }));

    const outcomes = await Promise.allSettled([1, 2, 3].map(() => client.crm.contacts.searchApi.doSearch({})));

    const rejected = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].code).toBe(429);
    expect(rejected[0].body).toEqual({
      status: 'error',
      message: 'You have reached your secondly limit.',
      errorType: 'RATE_LIMIT',
      correlationId: expect.any(String),
      policyName: 'SECONDLY',
      requestId: expect.any(String),
    });
    now += 1_000;
    await expect(client.crm.contacts.searchApi.doSearch({})).resolves.toMatchObject({ total: 0 });
    // Other endpoints are not held back by the search limit.
    await expect(client.crm.contacts.basicApi.getPage()).resolves.toMatchObject({ results: [] });
  });
});

describe('HubSpot stand-in: the 10,000-result search wall', () => {
  it('pages up to the 10,000th result and answers beyond it with 400', async () => {
    const { standIn, client } = await signedIn();
    for (let i = 0; i < 10_050; i += 1) standIn.create('companies', { name: `Co ${i}` });

    const last = await client.crm.companies.searchApi.doSearch({ limit: 100, after: '9900' });
    const beyond = await failureOf(
      client.crm.companies.searchApi.doSearch({ limit: 100, after: last.paging!.next!.after }),
    );

    expect(last.total).toBe(10_050);
    expect(last.results).toHaveLength(100);
    expect(last.paging?.next?.after).toBe('10000');
    expect([beyond.code, beyond.body.category]).toEqual([400, 'VALIDATION_ERROR']);
    expectServedBodiesConform(standIn.calls);
    await standIn.close();
  });
});
