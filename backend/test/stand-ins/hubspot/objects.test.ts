import type { AssociationSpecAssociationCategoryEnum as ObjectsCategory } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import type { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/notes/index.js';
import { CALL_DISPOSITIONS, type HubSpotStandIn } from './index.ts';
import { expectServedBodiesConform, objectFolder } from './response-models.ts';
import { expectRequiredAttributes } from './required-attributes.ts';
import { failureOf, signedIn, type SignedIn } from './test-support.ts';

const HUBSPOT_DEFINED = 'HUBSPOT_DEFINED' as AssociationSpecAssociationCategoryEnum;
// The generic objects API (`crm.objects.basicApi` and friends) has its own copy of the enum.
const DEFINED = 'HUBSPOT_DEFINED' as ObjectsCategory;
const toRecord = (id: string, associationTypeId: number) => ({
  to: { id },
  types: [{ associationCategory: DEFINED, associationTypeId }],
});

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

  it('creates calls, emails and meetings through the generic objects API, associated with a contact', async () => {
    const contact = standIn.create('contacts', { email: 'prospect@example.com' });
    const { basicApi } = client.crm.objects;

    const call = await basicApi.create('calls', {
      properties: {
        hs_timestamp: '2025-03-01T10:00:00Z',
        hs_call_title: 'Discovery call',
        hs_call_body: '<p>Interested in the pilot</p>',
        hs_call_direction: 'OUTBOUND',
        hs_call_disposition: CALL_DISPOSITIONS.connected,
        hs_call_duration: '95000',
        hs_call_status: 'COMPLETED',
        hs_call_from_number: '+13852557051',
        hs_call_to_number: '+13855550100',
        hubspot_owner_id: standIn.installingOwner.id,
      },
      associations: [toRecord(contact.id, 194)],
    });
    const email = await basicApi.create('emails', {
      properties: {
        hs_timestamp: String(Date.parse('2025-03-02T09:30:00Z')),
        hs_email_subject: 'Following up',
        hs_email_text: 'Hi, following up on our call.',
        hs_email_html: '<p>Hi, following up on our call.</p>',
        hs_email_direction: 'EMAIL',
        hs_email_status: 'SENT',
      },
      associations: [toRecord(contact.id, 198)],
    });
    const meeting = await basicApi.create('meetings', {
      properties: {
        hs_timestamp: '2025-03-05T15:00:00Z',
        hs_meeting_title: 'Demo',
        hs_meeting_body: 'Product demo',
        hs_meeting_start_time: '2025-03-05T15:00:00Z',
        hs_meeting_end_time: '2025-03-05T15:30:00Z',
        hs_meeting_outcome: 'SCHEDULED',
        hs_meeting_location: 'https://meet.example/demo',
      },
      associations: [toRecord(contact.id, 200)],
    });

    for (const [record, type] of [
      [call, 'calls'],
      [email, 'emails'],
      [meeting, 'meetings'],
    ] as const) {
      expectRequiredAttributes(record, 'SimplePublicObject', objectFolder(type), 'instance');
      expect(record.properties).toMatchObject({
        hs_object_id: record.id,
        hs_createdate: record.createdAt.toISOString(),
        hs_lastmodifieddate: record.updatedAt.toISOString(),
      });
      expect(standIn.associatedIds('contacts', contact.id, type)).toEqual([record.id]);
      expect(standIn.associatedIds(type, record.id, 'contacts')).toEqual([contact.id]);
    }
    expect([call.id, email.id, meeting.id]).toEqual(['6000001', '7000001', '8000001']);
    expect(call.properties).toMatchObject({
      hs_timestamp: '2025-03-01T10:00:00.000Z',
      hs_call_disposition: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
      hs_call_duration: '95000',
    });
    expect(email.properties.hs_timestamp).toBe('2025-03-02T09:30:00.000Z');
    expect(meeting.properties.hs_meeting_end_time).toBe('2025-03-05T15:30:00.000Z');

    const read = await basicApi.getById('calls', call.id, undefined, undefined, ['contacts']);
    expectRequiredAttributes(read, 'SimplePublicObjectWithAssociations', 'crm/objects', 'instance');
    expect(Object.keys(read.properties).sort()).toEqual(['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id']);
    expect(read.associations?.contacts?.results).toEqual([
      expect.objectContaining({ id: contact.id, type: 'call_to_contact' }),
    ]);
  });

  it('creates engagements in a batch and answers them under their type ids and singular names too', async () => {
    const contact = standIn.create('contacts', { email: 'batch@example.com' });

    const created = await client.crm.objects.batchApi.create('meetings', {
      inputs: ['Intro', 'Follow-up'].map((title, i) => ({
        properties: { hs_meeting_title: title, hs_timestamp: `2025-04-0${i + 1}T12:00:00Z` },
        associations: [toRecord(contact.id, 200)],
      })),
    });
    const [byTypeId, bySingular] = await Promise.all([
      client.crm.objects.basicApi.getById('0-47', created.results[0]!.id, ['hs_meeting_title']),
      client.crm.objects.basicApi.getById('meeting', created.results[1]!.id, ['hs_meeting_title']),
    ]);

    expectRequiredAttributes(created, 'BatchResponseSimplePublicObject', objectFolder('meetings'), 'instance');
    expect(created.results.map((r) => r.properties.hs_meeting_title).sort()).toEqual(['Follow-up', 'Intro']);
    expect([byTypeId.properties.hs_meeting_title, bySingular.properties.hs_meeting_title]).toEqual([
      'Intro',
      'Follow-up',
    ]);
    expect(standIn.associatedIds('contacts', contact.id, 'meetings')).toHaveLength(2);
  });

  it('validates engagements as HubSpot does: hs_timestamp, enumerations, numbers and association types', async () => {
    const contact = standIn.create('contacts', {});
    const { basicApi } = client.crm.objects;

    const noTimestamp = await failureOf(basicApi.create('calls', { properties: { hs_call_title: 'x' } }));
    const badValues = await failureOf(
      basicApi.create('calls', {
        properties: {
          hs_timestamp: '2025-01-01T00:00:00Z',
          hs_call_direction: 'SIDEWAYS',
          hs_call_status: 'DONE',
          hs_call_duration: 'long',
        },
      }),
    );
    const badOutcome = await failureOf(
      basicApi.create('meetings', {
        properties: { hs_timestamp: '2025-01-01T00:00:00Z', hs_meeting_outcome: 'MAYBE' },
      }),
    );
    const badDirection = await failureOf(
      basicApi.create('emails', {
        properties: { hs_timestamp: '2025-01-01T00:00:00Z', hs_email_direction: 'OUTGOING' },
      }),
    );
    // 202 is note to contact: a call cannot use it.
    const wrongType = await failureOf(
      basicApi.create('calls', {
        properties: { hs_timestamp: '2025-01-01T00:00:00Z' },
        associations: [toRecord(contact.id, 202)],
      }),
    );

    for (const failure of [noTimestamp, badValues, badOutcome, badDirection, wrongType])
      expect([failure.code, failure.body.category]).toEqual([400, 'VALIDATION_ERROR']);
    expect(noTimestamp.body.message).toContain('"error":"REQUIRED_FIELD","name":"hs_timestamp"');
    expect(badValues.body.message).toContain('"error":"INVALID_OPTION","name":"hs_call_direction"');
    expect(badValues.body.message).toContain('"error":"INVALID_OPTION","name":"hs_call_status"');
    expect(badValues.body.message).toContain('"error":"INVALID_DECIMAL","name":"hs_call_duration"');
    expect(badOutcome.body.message).toContain('"name":"hs_meeting_outcome"');
    expect(badDirection.body.message).toContain('"name":"hs_email_direction"');
    expect([...standIn.all('calls'), ...standIn.all('emails'), ...standIn.all('meetings')]).toEqual([]);
  });

  it('lists archived engagements with archived=true, each with its archivedAt', async () => {
    const kept = standIn.create('calls', { hs_timestamp: '2025-02-01T00:00:00Z', hs_call_title: 'Kept' });
    const gone = standIn.create('calls', { hs_timestamp: '2025-02-02T00:00:00Z', hs_call_title: 'Gone' });
    const seededGone = standIn.create('emails', { hs_timestamp: '2025-02-03T00:00:00Z', hs_email_subject: 'Old' });
    standIn.archive('emails', seededGone.id);

    await client.crm.objects.basicApi.archive('calls', gone.id);
    const live = await client.crm.objects.basicApi.getPage('calls', 10, undefined, ['hs_call_title']);
    const archived = await client.crm.objects.basicApi.getPage(
      'calls',
      10,
      undefined,
      ['hs_call_title'],
      undefined,
      undefined,
      true,
    );
    const archivedEmails = await client.crm.objects.basicApi.getPage('emails', 10, undefined, [], [], [], true);

    expectRequiredAttributes(
      archived,
      'CollectionResponseSimplePublicObjectWithAssociationsForwardPaging',
      'crm/objects',
      'instance',
    );
    expect(live.results.map((r) => r.id)).toEqual([kept.id]);
    expect(archived.results).toEqual([
      expect.objectContaining({
        id: gone.id,
        archived: true,
        archivedAt: expect.any(Date),
        properties: expect.objectContaining({ hs_call_title: 'Gone', hs_object_id: gone.id }),
      }),
    ]);
    expect(archived.results[0]!.archivedAt!.toISOString()).toBe(
      standIn.all('calls', { archived: true })[0]!.archivedAt!.toISOString(),
    );
    expect(archivedEmails.results.map((r) => [r.id, r.archived])).toEqual([[seededGone.id, true]]);
    expect(standIn.count({ method: 'GET', path: '/crm/v3/objects/calls', status: 200 })).toBe(2);
    expect((await failureOf(client.crm.objects.basicApi.getById('calls', gone.id))).code).toBe(404);
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
