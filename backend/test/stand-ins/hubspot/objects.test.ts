import type { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/notes/index.js';
import type { HubSpotStandIn } from './index.ts';
import { expectServedBodiesConform, objectFolder } from './response-models.ts';
import { expectRequiredAttributes } from './required-attributes.ts';
import { failureOf, signedIn, type SignedIn } from './test-support.ts';

const HUBSPOT_DEFINED = 'HUBSPOT_DEFINED' as AssociationSpecAssociationCategoryEnum;

describe('HubSpot stand-in: CRM objects', () => {
  let standIn: HubSpotStandIn;
  let client: SignedIn['client'];

  beforeEach(async () => {
    ({ standIn, client } = await signedIn());
  });

  afterEach(async () => {
    expect(expectServedBodiesConform(standIn.calls)).toBeGreaterThan(0);
    await standIn.close();
  });

  it('creates, reads and updates a contact through basicApi', async () => {
    const created = await client.crm.contacts.basicApi.create({
      properties: { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace', jobtitle: 'Analyst' },
    });
    const read = await client.crm.contacts.basicApi.getById(created.id, ['email', 'jobtitle', 'phone']);
    const updated = await client.crm.contacts.basicApi.update(created.id, { properties: { jobtitle: 'Engineer' } });

    expectRequiredAttributes(created, 'SimplePublicObject', objectFolder('contacts'), 'instance');
    expectRequiredAttributes(read, 'SimplePublicObjectWithAssociations', objectFolder('contacts'), 'instance');
    expectRequiredAttributes(updated, 'SimplePublicObject', objectFolder('contacts'), 'instance');
    expect(created.id).toMatch(/^\d+$/);
    expect(created.properties).toMatchObject({
      email: 'ada@example.com',
      hs_object_id: created.id,
      createdate: created.createdAt.toISOString(),
      lastmodifieddate: created.updatedAt.toISOString(),
    });
    expect(read.properties).toEqual({
      email: 'ada@example.com',
      jobtitle: 'Analyst',
      phone: null,
      hs_object_id: created.id,
      createdate: created.createdAt.toISOString(),
      lastmodifieddate: created.updatedAt.toISOString(),
    });
    expect(updated.properties.jobtitle).toBe('Engineer');
    expect(updated.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    expect(standIn.get('contacts', created.id)?.properties.jobtitle).toBe('Engineer');
  });

  it('returns the default properties of each object type when none are named', async () => {
    const contact = standIn.create('contacts', { email: 'x@example.com', jobtitle: 'CTO' });
    const company = standIn.create('companies', {
      name: 'Acme',
      domain: 'acme.example',
      industry: 'COMPUTER_SOFTWARE',
    });
    const deal = standIn.create('deals', { dealname: 'Big one', amount: 1200, dealstage: 'qualifiedtobuy' });

    const [c, co, d] = await Promise.all([
      client.crm.contacts.basicApi.getById(contact.id),
      client.crm.companies.basicApi.getById(company.id),
      client.crm.deals.basicApi.getById(deal.id),
    ]);

    expect(Object.keys(c.properties).sort()).toEqual([
      'createdate',
      'email',
      'firstname',
      'hs_object_id',
      'lastmodifieddate',
      'lastname',
    ]);
    expect(Object.keys(co.properties).sort()).toEqual([
      'createdate',
      'domain',
      'hs_lastmodifieddate',
      'hs_object_id',
      'name',
    ]);
    expect(d.properties).toMatchObject({ amount: '1200', dealstage: 'qualifiedtobuy', pipeline: null });
    expect(d.properties.hs_lastmodifieddate).toBe(deal.updatedAt.toISOString());
  });

  it('pages through getPage with after and a next link', async () => {
    for (let i = 0; i < 25; i += 1) standIn.create('companies', { name: `Company ${i}` });
    const names: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await client.crm.companies.basicApi.getPage(10, after, ['name']);
      expectRequiredAttributes(
        page,
        'CollectionResponseSimplePublicObjectWithAssociationsForwardPaging',
        objectFolder('companies'),
        'instance',
      );
      names.push(...page.results.map((r) => r.properties.name ?? ''));
      after = page.paging?.next?.after;
      if (after) expect(page.paging?.next?.link).toContain(`after=${after}`);
      pages += 1;
    } while (after);

    expect(pages).toBe(3);
    expect(names).toEqual(Array.from({ length: 25 }, (_, i) => `Company ${i}`));
  });

  it('rejects unknown properties with HubSpot’s VALIDATION_ERROR', async () => {
    const failure = await failureOf(
      client.crm.contacts.basicApi.create({ properties: { email: 'a@example.com', x: '1' } }),
    );

    expect(failure.code).toBe(400);
    expect(failure.body).toEqual({
      status: 'error',
      message:
        'Property values were not valid: [{"isValid":false,"message":"Property \\"x\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"x"}]',
      correlationId: expect.any(String),
      category: 'VALIDATION_ERROR',
    });
    expectRequiredAttributes(failure.body, 'ModelError', 'crm/contacts');
    expect(standIn.all('contacts')).toEqual([]);
  });

  it('rejects values outside an enumeration’s options and read-only properties', async () => {
    const failure = await failureOf(
      client.crm.contacts.basicApi.create({ properties: { lifecyclestage: 'hot', lastmodifieddate: '0' } }),
    );

    expect(failure.code).toBe(400);
    expect(failure.body.message).toContain('"error":"INVALID_OPTION","name":"lifecyclestage"');
    expect(failure.body.message).toContain('"error":"READ_ONLY_VALUE","name":"lastmodifieddate"');
  });

  it('answers a missing record with 404 OBJECT_NOT_FOUND', async () => {
    const failure = await failureOf(client.crm.deals.basicApi.getById('999'));

    expect(failure.code).toBe(404);
    expect(failure.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', context: { id: ['999'] } });
    expectRequiredAttributes(failure.body, 'ModelError', 'crm/deals');
  });

  it('refuses a second contact with the same email with 409 CONFLICT', async () => {
    const first = standIn.create('contacts', { email: 'dup@example.com' });

    const failure = await failureOf(client.crm.contacts.basicApi.create({ properties: { email: 'DUP@example.com' } }));

    expect(failure.code).toBe(409);
    expect(failure.body).toMatchObject({
      category: 'CONFLICT',
      message: `Contact already exists. Existing ID: ${first.id}`,
    });
  });

  it('reads a contact by email with idProperty', async () => {
    const contact = standIn.create('contacts', { email: 'grace@example.com', firstname: 'Grace' });

    const read = await client.crm.contacts.basicApi.getById(
      'grace@example.com',
      ['firstname'],
      undefined,
      undefined,
      false,
      'email',
    );

    expect(read.id).toBe(contact.id);
    expect(read.properties.firstname).toBe('Grace');
  });

  it('stores datetimes sent as epoch millis or ISO strings as ISO strings', async () => {
    const closedate = Date.parse('2025-06-30T00:00:00Z');

    const deal = await client.crm.deals.basicApi.create({
      properties: { dealname: 'Renewal', closedate: String(closedate), pipeline: 'default', dealstage: 'contractsent' },
    });

    expect(deal.properties.closedate).toBe('2025-06-30T00:00:00.000Z');
  });

  it('creates notes and tasks associated with the records named in the create body', async () => {
    const contact = standIn.create('contacts', { email: 'lead@example.com' });
    const company = standIn.create('companies', { name: 'Lead Co' });

    const note = await client.crm.objects.notes.basicApi.create({
      properties: { hs_note_body: 'Called, left a voicemail', hs_timestamp: '2025-03-01T10:00:00Z' },
      associations: [
        { to: { id: contact.id }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 202 }] },
        { to: { id: company.id }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 190 }] },
      ],
    });
    const task = await client.crm.objects.tasks.basicApi.create({
      properties: {
        hs_task_subject: 'Follow up',
        hs_task_status: 'NOT_STARTED',
        hs_task_priority: 'HIGH',
        hs_timestamp: String(Date.parse('2025-03-03T09:00:00Z')),
        hubspot_owner_id: standIn.installingOwner.id,
      },
      associations: [
        { to: { id: contact.id }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 204 }] },
      ],
    });

    expectRequiredAttributes(note, 'SimplePublicObject', objectFolder('notes'), 'instance');
    expectRequiredAttributes(task, 'SimplePublicObject', objectFolder('tasks'), 'instance');
    expect(note.properties).toMatchObject({
      hs_createdate: expect.any(String),
      hs_lastmodifieddate: expect.any(String),
    });
    expect(standIn.associatedIds('contacts', contact.id, 'notes')).toEqual([note.id]);
    expect(standIn.associatedIds('companies', company.id, 'notes')).toEqual([note.id]);
    expect(standIn.associatedIds('contacts', contact.id, 'tasks')).toEqual([task.id]);
    expect(standIn.associatedIds('tasks', task.id, 'contacts')).toEqual([contact.id]);
  });

  it('requires hs_timestamp on engagements and a valid association type', async () => {
    const contact = standIn.create('contacts', {});

    const noTimestamp = await failureOf(
      client.crm.objects.notes.basicApi.create({ properties: { hs_note_body: 'x' } }),
    );
    const wrongType = await failureOf(
      client.crm.objects.notes.basicApi.create({
        properties: { hs_timestamp: '2025-01-01T00:00:00Z' },
        associations: [
          { to: { id: contact.id }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 279 }] },
        ],
      }),
    );

    expect([noTimestamp.code, noTimestamp.body.category]).toEqual([400, 'VALIDATION_ERROR']);
    expect([wrongType.code, wrongType.body.category]).toEqual([400, 'VALIDATION_ERROR']);
    expect(standIn.all('notes')).toEqual([]);
  });

  it('gives every write a strictly later modification time, even within one millisecond', async () => {
    const contact = standIn.create('contacts', { email: 'tick@example.com' });
    const stamps = [contact.updatedAt.getTime()];
    for (let i = 0; i < 5; i += 1)
      stamps.push(standIn.update('contacts', contact.id, { jobtitle: `Title ${i}` }).updatedAt.getTime());

    for (let i = 1; i < stamps.length; i += 1) expect(stamps[i]).toBeGreaterThan(stamps[i - 1]!);
    expect(standIn.get('contacts', contact.id)?.properties.lastmodifieddate).toBe(
      new Date(stamps.at(-1)!).toISOString(),
    );
  });

  it('keeps backdated seed times as given', async () => {
    const createdAt = new Date('2020-01-01T00:00:00Z');
    const updatedAt = new Date('2021-01-01T00:00:00Z');
    const contact = standIn.create('contacts', { email: 'old@example.com' }, { createdAt, updatedAt });

    const read = await client.crm.contacts.basicApi.getById(contact.id);

    expect(read.createdAt).toEqual(createdAt);
    expect(read.updatedAt).toEqual(updatedAt);
    expect(read.properties.lastmodifieddate).toBe('2021-01-01T00:00:00.000Z');
  });
});

describe('HubSpot stand-in: CRM object batches', () => {
  let standIn: HubSpotStandIn;
  let client: SignedIn['client'];

  beforeEach(async () => {
    ({ standIn, client } = await signedIn());
  });

  afterEach(async () => {
    expect(expectServedBodiesConform(standIn.calls)).toBeGreaterThan(0);
    await standIn.close();
  });

  it('creates a batch with 201 and reads it back with 200', async () => {
    const created = await client.crm.contacts.batchApi.create({
      inputs: [1, 2, 3].map((i) => ({
        properties: { email: `b${i}@example.com`, firstname: `B${i}` },
        associations: [],
      })),
    });
    const read = await client.crm.contacts.batchApi.read({
      inputs: created.results.map(({ id }) => ({ id })),
      properties: ['firstname'],
      propertiesWithHistory: [],
    });

    expectRequiredAttributes(created, 'BatchResponseSimplePublicObject', objectFolder('contacts'), 'instance');
    expectRequiredAttributes(read, 'BatchResponseSimplePublicObject', objectFolder('contacts'), 'instance');
    expect(created.status).toBe('COMPLETE');
    expect(read.results.map((r) => r.properties.firstname)).toEqual(['B1', 'B2', 'B3']);
    expect(standIn.count({ method: 'POST', path: '/crm/v3/objects/contacts/batch/create', status: 201 })).toBe(1);
  });

  it('reports missing records of a batch read as a 207 error', async () => {
    const deal = standIn.create('deals', { dealname: 'Present' });

    const read = await client.crm.deals.batchApi.read({
      inputs: [{ id: deal.id }, { id: '4' }, { id: '5' }],
      properties: [],
      propertiesWithHistory: [],
    });

    expectRequiredAttributes(read, 'BatchResponseSimplePublicObjectWithErrors', objectFolder('deals'), 'instance');
    expect(read.results.map((r) => r.id)).toEqual([deal.id]);
    expect('errors' in read && read.errors).toEqual([
      expect.objectContaining({ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['4', '5'] } }),
    ]);
    expect(standIn.count({ path: '/crm/v3/objects/deals/batch/read', status: 207 })).toBe(1);
  });

  it('updates a batch with one failing record as 207 Multi-Status', async () => {
    const ids = [1, 2, 3].map((i) => standIn.create('contacts', { email: `u${i}@example.com` }).id);
    standIn.failRecord('contacts', ids[1]!);

    const result = await client.crm.contacts.batchApi.update({
      inputs: ids.map((id) => ({ id, properties: { lifecyclestage: 'opportunity' } })),
    });

    expectRequiredAttributes(result, 'BatchResponseSimplePublicObjectWithErrors', objectFolder('contacts'), 'instance');
    expect(result.results.map((r) => r.id).sort()).toEqual([ids[0], ids[2]].sort());
    expect('numErrors' in result && result.numErrors).toBe(1);
    expect('errors' in result && result.errors?.[0]).toMatchObject({
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
      context: { ids: [ids[1]] },
    });
    expect(standIn.get('contacts', ids[1]!)?.properties.lifecyclestage).toBeUndefined();
    expect(standIn.get('contacts', ids[0]!)?.properties.lifecyclestage).toBe('opportunity');

    const retried = await client.crm.contacts.batchApi.update({
      inputs: [{ id: ids[1]!, properties: { lifecyclestage: 'opportunity' } }],
    });
    expect(retried.status).toBe('COMPLETE');
    expect(standIn.count({ path: '/crm/v3/objects/contacts/batch/update', status: 200 })).toBe(1);
  });

  it('rejects a batch of 101 inputs with 400 VALIDATION_ERROR', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => standIn.create('companies', { name: `C${i}` }).id);

    const failure = await failureOf(
      client.crm.companies.batchApi.update({ inputs: ids.map((id) => ({ id, properties: { city: 'Oslo' } })) }),
    );

    expect(failure.code).toBe(400);
    expect(failure.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expectRequiredAttributes(failure.body, 'ModelError', 'crm/companies');
    expect(standIn.all('companies').filter((c) => c.properties.city)).toEqual([]);
  });

  it('rejects duplicate ids and invalid properties for the whole batch', async () => {
    const id = standIn.create('deals', { dealname: 'D' }).id;

    const duplicate = await failureOf(
      client.crm.deals.batchApi.update({
        inputs: [
          { id, properties: { amount: '1' } },
          { id, properties: { amount: '2' } },
        ],
      }),
    );
    const invalid = await failureOf(
      client.crm.deals.batchApi.create({ inputs: [{ properties: { dealname: 'ok' } }, { properties: { nope: '1' } }] }),
    );

    expect([duplicate.code, duplicate.body.message]).toEqual([
      400,
      `Duplicate IDs found in batch input: [${id}]. IDs must be unique`,
    ]);
    expect([invalid.code, invalid.body.category]).toEqual([400, 'VALIDATION_ERROR']);
    expect(standIn.all('deals')).toHaveLength(1);
  });
});
