import type {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import type { HubSpotStandIn } from './index.ts';
import { expectServedBodiesConform } from './response-models.ts';
import { expectRequiredAttributes } from './required-attributes.ts';
import { failureOf, signedIn, type SignedIn } from './test-support.ts';

const PROPERTIES = 'crm/properties';

describe('HubSpot stand-in: properties and property groups', () => {
  let standIn: HubSpotStandIn;
  let client: SignedIn['client'];

  beforeEach(async () => {
    ({ standIn, client } = await signedIn());
  });

  afterEach(async () => {
    expect(expectServedBodiesConform(standIn.calls)).toBeGreaterThan(0);
    await standIn.close();
  });

  it('lists the default properties of every object type', async () => {
    const expected = {
      contacts: [
        'email',
        'firstname',
        'lastname',
        'jobtitle',
        'company',
        'lifecyclestage',
        'hubspot_owner_id',
        'hs_lead_status',
        'country',
        'industry',
        'annualrevenue',
        'createdate',
        'lastmodifieddate',
        'hs_object_id',
      ],
      companies: [
        'name',
        'domain',
        'industry',
        'numberofemployees',
        'annualrevenue',
        'country',
        'hubspot_owner_id',
        'createdate',
        'hs_lastmodifieddate',
        'hs_object_id',
      ],
      deals: [
        'dealname',
        'dealstage',
        'pipeline',
        'amount',
        'closedate',
        'hubspot_owner_id',
        'createdate',
        'hs_lastmodifieddate',
        'hs_object_id',
      ],
      notes: [
        'hs_note_body',
        'hs_timestamp',
        'hubspot_owner_id',
        'hs_createdate',
        'hs_lastmodifieddate',
        'hs_object_id',
      ],
      tasks: [
        'hs_task_subject',
        'hs_task_body',
        'hs_task_status',
        'hs_task_priority',
        'hs_timestamp',
        'hubspot_owner_id',
        'hs_lastmodifieddate',
        'hs_object_id',
      ],
      calls: [
        'hs_timestamp',
        'hs_call_title',
        'hs_call_body',
        'hs_call_direction',
        'hs_call_disposition',
        'hs_call_duration',
        'hs_call_status',
        'hs_call_from_number',
        'hs_call_to_number',
        'hubspot_owner_id',
        'hs_createdate',
        'hs_lastmodifieddate',
        'hs_object_id',
      ],
      emails: [
        'hs_timestamp',
        'hs_email_subject',
        'hs_email_text',
        'hs_email_html',
        'hs_email_direction',
        'hs_email_status',
        'hubspot_owner_id',
        'hs_createdate',
        'hs_lastmodifieddate',
        'hs_object_id',
      ],
      meetings: [
        'hs_timestamp',
        'hs_meeting_title',
        'hs_meeting_body',
        'hs_meeting_start_time',
        'hs_meeting_end_time',
        'hs_meeting_outcome',
        'hs_meeting_location',
        'hubspot_owner_id',
        'hs_createdate',
        'hs_lastmodifieddate',
        'hs_object_id',
      ],
    };
    for (const [type, names] of Object.entries(expected)) {
      const all = await client.crm.properties.coreApi.getAll(type);
      expectRequiredAttributes(all, 'CollectionResponsePropertyNoPaging', PROPERTIES, 'instance');
      expect(all.results.map((p) => p.name)).toEqual(expect.arrayContaining(names));
    }
  });

  it('describes a property as HubSpot does', async () => {
    const property = await client.crm.properties.coreApi.getByName('contacts', 'lifecyclestage');

    expectRequiredAttributes(property, 'Property', PROPERTIES, 'instance');
    expect(property).toMatchObject({
      name: 'lifecyclestage',
      type: 'enumeration',
      fieldType: 'radio',
      groupName: 'contactinformation',
      hidden: false,
      formField: true,
      calculated: false,
      externalOptions: false,
      hasUniqueValue: false,
      hubspotDefined: true,
      modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: false },
    });
    expect(property.options.map((o) => o.value)).toContain('salesqualifiedlead');
    expect((await client.crm.properties.coreApi.getByName('companies', 'hubspot_owner_id')).referencedObjectType).toBe(
      'OWNER',
    );
  });

  it('offers HubSpot’s values for the call, email and meeting enumerations', async () => {
    const optionsOf = async (type: string, name: string) => {
      const property = await client.crm.properties.coreApi.getByName(type, name);
      expectRequiredAttributes(property, 'Property', PROPERTIES, 'instance');
      expect(property.type).toBe('enumeration');
      return property.options.map((o) => o.value);
    };

    expect(await optionsOf('calls', 'hs_call_direction')).toEqual(['INBOUND', 'OUTBOUND']);
    expect(await optionsOf('calls', 'hs_call_status')).toEqual([
      'BUSY',
      'CALLING_CRM_USER',
      'CANCELED',
      'COMPLETED',
      'CONNECTING',
      'FAILED',
      'IN_PROGRESS',
      'NO_ANSWER',
      'QUEUED',
      'RINGING',
    ]);
    expect(await optionsOf('emails', 'hs_email_direction')).toEqual(['EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL']);
    expect(await optionsOf('emails', 'hs_email_status')).toEqual(['BOUNCED', 'FAILED', 'SCHEDULED', 'SENDING', 'SENT']);
    expect(await optionsOf('meetings', 'hs_meeting_outcome')).toEqual([
      'SCHEDULED',
      'COMPLETED',
      'RESCHEDULED',
      'NO_SHOW',
      'CANCELED',
    ]);
    expect(standIn.property('calls', 'hs_call_duration')?.type).toBe('number');
    expect(standIn.property('calls', 'hs_call_disposition')?.type).toBe('string');
    expect(standIn.property('meetings', 'hs_meeting_start_time')?.type).toBe('datetime');
  });

  it('creates a group and a property in it, then accepts values for the property', async () => {
    const group = await client.crm.properties.groupsApi.create('contacts', {
      name: 'sdr_enhancement',
      label: 'SDR enhancement',
      displayOrder: 5,
    });
    const property = await client.crm.properties.coreApi.create('contacts', {
      name: 'sdr_score',
      label: 'SDR score',
      type: 'number' as PropertyCreateTypeEnum,
      fieldType: 'number' as PropertyCreateFieldTypeEnum,
      groupName: 'sdr_enhancement',
      description: 'Lead score',
    });

    expectRequiredAttributes(group, 'PropertyGroup', PROPERTIES, 'instance');
    expectRequiredAttributes(property, 'Property', PROPERTIES, 'instance');
    expect(property).toMatchObject({
      name: 'sdr_score',
      groupName: 'sdr_enhancement',
      options: [],
      modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    });
    expect(standIn.calls.filter((c) => c.path.startsWith('/crm/v3/properties/')).map((c) => c.status)).toEqual([
      201, 201,
    ]);
    const contact = await client.crm.contacts.basicApi.create({ properties: { sdr_score: '87' } });
    expect(contact.properties.sdr_score).toBe('87');
    const notANumber = await failureOf(
      client.crm.contacts.basicApi.update(contact.id, { properties: { sdr_score: 'high' } }),
    );
    expect(notANumber.code).toBe(400);
    expect((await client.crm.properties.groupsApi.getByName('contacts', 'sdr_enhancement')).label).toBe(
      'SDR enhancement',
    );
    const renamed = await client.crm.properties.groupsApi.update('contacts', 'sdr_enhancement', { label: 'SDR' });
    expectRequiredAttributes(renamed, 'PropertyGroup', PROPERTIES, 'instance');
    expect(renamed.label).toBe('SDR');
    expect((await client.crm.properties.groupsApi.getAll('contacts')).results.map((g) => g.name)).toContain(
      'sdr_enhancement',
    );
  });

  it('answers an existing property or group with 409', async () => {
    const property = await failureOf(
      client.crm.properties.coreApi.create('contacts', {
        name: 'email',
        label: 'Email again',
        type: 'string' as PropertyCreateTypeEnum,
        fieldType: 'text' as PropertyCreateFieldTypeEnum,
        groupName: 'contactinformation',
      }),
    );
    const group = await failureOf(
      client.crm.properties.groupsApi.create('contacts', { name: 'contactinformation', label: 'Again' }),
    );

    expect(property.code).toBe(409);
    expect(property.body).toMatchObject({
      status: 'error',
      category: 'OBJECT_ALREADY_EXISTS',
      message: "Property named 'email' already exists.",
    });
    expect(group.code).toBe(409);
    expect(group.body).toMatchObject({ category: 'OBJECT_ALREADY_EXISTS' });
    expectRequiredAttributes(property.body, 'ModelError', PROPERTIES);
  });

  it('updates a custom property and refuses to redefine HubSpot’s', async () => {
    standIn.defineProperty('deals', {
      name: 'sdr_source',
      label: 'Source',
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'dealinformation',
      options: [{ label: 'Inbound', value: 'inbound' }],
    });

    const updated = await client.crm.properties.coreApi.update('deals', 'sdr_source', {
      label: 'Lead source',
      options: [
        { label: 'Inbound', value: 'inbound', hidden: false },
        { label: 'Outbound', value: 'outbound', hidden: false },
      ],
    });
    const hubspotOwned = await failureOf(client.crm.properties.coreApi.update('deals', 'dealname', { label: 'Name' }));

    expect(updated.label).toBe('Lead source');
    expect(updated.options.map((o) => o.value)).toEqual(['inbound', 'outbound']);
    expect(hubspotOwned.code).toBe(400);
  });

  it('answers an unknown property with 404', async () => {
    const failure = await failureOf(client.crm.properties.coreApi.getByName('contacts', 'nope'));

    expect([failure.code, failure.body.category]).toEqual([404, 'OBJECT_NOT_FOUND']);
  });
});
