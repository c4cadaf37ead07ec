import { jest } from '@jest/globals';
import { Connection } from 'jsforce';
import { startSalesforceStandIn } from './index.ts';
import type { RecordChange, SalesforceStandIn } from './index.ts';

describe('Salesforce stand-in: writes, describe and platform events', () => {
  let sf: SalesforceStandIn;
  let conn: Connection;
  const changes: RecordChange[] = [];

  beforeAll(async () => {
    sf = await startSalesforceStandIn({
      customFields: { Lead: [{ name: 'Fleet_Size__c', type: 'double', precision: 8, label: 'Fleet size' }] },
    });
    sf.onChange((change) => changes.push(change));
    const session = sf.issueSession();
    conn = new Connection({ instanceUrl: session.instanceUrl, accessToken: session.accessToken, version: '62.0' });
  });
  afterAll(async () => {
    await sf.close();
  });
  beforeEach(() => {
    changes.length = 0;
  });

  // Seeds leads without their CREATE changes reaching the test's eyes.
  const leads = (n: number) => {
    const created = sf.insert(
      'Lead',
      Array.from({ length: n }, (_, i) => ({ LastName: `Lead ${i}`, Company: 'Acme', Fleet_Size__c: i })),
    );
    changes.length = 0;
    return created;
  };

  it('creates, reads, updates and deletes one record, telling onChange which fields changed', async () => {
    const created = await conn.sobject('Lead').create({ FirstName: 'Ada', LastName: 'Byron', Company: 'Engines' });
    expect(created).toEqual({ id: expect.stringMatching(/^00Q[0-9A-Za-z]{15}$/), success: true, errors: [] });
    const id = created.id!;
    const record = await conn.sobject('Lead').retrieve(id);
    expect(record).toMatchObject({
      attributes: { type: 'Lead', url: `/services/data/v62.0/sobjects/Lead/${id}` },
      Id: id,
      Name: 'Ada Byron',
      Status: 'Open - Not Contacted',
      OwnerId: sf.userId,
      IsDeleted: false,
      SDR_EV__c: null,
    });
    expect(record.CreatedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(changes).toEqual([
      expect.objectContaining({ entityName: 'Lead', changeType: 'CREATE', recordIds: [id], changedFields: [] }),
    ]);
    expect(changes[0]!.record).toMatchObject({ LastName: 'Byron', Company: 'Engines' });
    expect(changes[0]!.record).not.toHaveProperty('Rating');

    await conn.sobject('Lead').update({
      Id: id,
      SDR_EV__c: 1234.567,
      SDR_Reasons__c: 'Fleet of 400\nOpened pricing page',
      SDR_Scored_At__c: '2026-11-24T10:15:00Z',
      Company: 'Engines',
    });
    const updated = sf.get('Lead', id)!;
    expect(updated).toMatchObject({ SDR_EV__c: 1234.57, SDR_Scored_At__c: '2026-11-24T10:15:00.000+0000' });
    expect(Date.parse(String(updated.SystemModstamp).replace('+0000', 'Z'))).toBeGreaterThan(
      Date.parse(String(record.SystemModstamp).replace('+0000', 'Z')),
    );
    expect(changes[1]).toMatchObject({ changeType: 'UPDATE', recordIds: [id] });
    expect(changes[1]!.changedFields.sort()).toEqual(
      ['LastModifiedDate', 'SDR_EV__c', 'SDR_Reasons__c', 'SDR_Scored_At__c'].sort(),
    );

    sf.update('Lead', id, { Status: 'Working - Contacted' });
    expect(changes[2]).toMatchObject({
      changeType: 'UPDATE',
      changedFields: expect.arrayContaining(['Status', 'LastModifiedDate']),
      record: expect.objectContaining({ Status: 'Working - Contacted' }),
    });

    await conn.sobject('Lead').destroy(id);
    expect(changes[3]).toMatchObject({ changeType: 'DELETE', recordIds: [id] });
    await expect(conn.sobject('Lead').retrieve(id)).rejects.toMatchObject({ errorCode: 'ENTITY_IS_DELETED' });
  });

  it('refuses unknown and read-only fields, missing required ones and values of the wrong type', async () => {
    const [lead] = leads(1);
    const id = String(lead!.Id);
    const error = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (e: Error & { errorCode?: string }) => ({ errorCode: e.errorCode, message: e.message }),
      );
    expect(await error(conn.sobject('Lead').update({ Id: id, Current_Provider__c: 'Samsara' }))).toEqual({
      errorCode: 'INVALID_FIELD',
      message: "No such column 'Current_Provider__c' on sobject of type Lead",
    });
    expect(await error(conn.sobject('Lead').update({ Id: id, Name: 'X' }))).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    });
    expect(await error(conn.sobject('Lead').create({ LastName: 'No company' }))).toEqual({
      errorCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [Company]',
    });
    expect(await error(conn.sobject('Lead').update({ Id: id, SDR_EV_Score__c: 'high' }))).toMatchObject({
      errorCode: 'JSON_PARSER_ERROR',
    });
    expect(await error(conn.sobject('Lead').update({ Id: id, Email: 'not-an-email' }))).toMatchObject({
      errorCode: 'INVALID_EMAIL_ADDRESS',
    });
    expect(await error(conn.sobject('Lead').update({ Id: '00Q000000000000AAA', Rating: 'Hot' }))).toMatchObject({
      errorCode: 'NOT_FOUND',
    });
    expect(changes.filter((c) => c.changeType === 'UPDATE')).toEqual([]);
  });

  it('updates 200 records in one collection call; one failing record fails alone without allOrNone', async () => {
    const records = leads(200);
    const failing = String(records[57]!.Id);
    sf.failRecord(failing, {
      statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Scores are locked',
      fields: ['SDR_EV__c'],
    });
    const request = jest.spyOn(conn, 'request');
    const results = await conn.sobject('Lead').update(
      records.map((r) => ({ Id: String(r.Id), SDR_EV__c: 10, SDR_Risk__c: 3 })),
      { allOrNone: false },
    );
    const sent = request.mock.calls.map(([r]) => r as { method: string; url: string; body: string });
    request.mockRestore();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'PATCH', url: `${sf.instanceUrl}/services/data/v62.0/composite/sobjects` });
    expect(JSON.parse(sent[0]!.body)).toMatchObject({
      allOrNone: false,
      records: expect.arrayContaining([{ id: failing, attributes: { type: 'Lead' }, SDR_EV__c: 10, SDR_Risk__c: 3 }]),
    });
    expect(results).toHaveLength(200);
    expect(results.filter((r) => r.success)).toHaveLength(199);
    expect(results[57]).toEqual({
      id: failing,
      success: false,
      errors: [
        { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Scores are locked', fields: ['SDR_EV__c'] },
      ],
    });
    expect(results[58]).toEqual({ id: records[58]!.Id, success: true, errors: [] });
    expect(sf.get('Lead', failing)!.SDR_EV__c).toBeNull();
    expect(sf.get('Lead', String(records[0]!.Id))!.SDR_EV__c).toBe(10);
    expect(changes).toHaveLength(199);
  });

  it('rolls the whole collection back with allOrNone, and refuses more than 200 records', async () => {
    const records = leads(3);
    sf.failRecord(String(records[1]!.Id), {
      statusCode: 'UNABLE_TO_LOCK_ROW',
      message: 'unable to obtain exclusive access to this record',
    });
    const results = await conn.sobject('Lead').update(
      records.map((r) => ({ Id: String(r.Id), SDR_Urgency__c: 99 })),
      { allOrNone: true },
    );
    // jsforce's typings say errorCode; Salesforce's save results say statusCode.
    expect(results.map((r) => (r.errors[0] as unknown as { statusCode: string }).statusCode)).toEqual([
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'UNABLE_TO_LOCK_ROW',
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    ]);
    expect(results.every((r) => !r.success)).toBe(true);
    expect(records.map((r) => sf.get('Lead', String(r.Id))!.SDR_Urgency__c)).toEqual([null, null, null]);
    expect(changes).toEqual([]);

    const many = leads(201).map((r) => ({ Id: String(r.Id), SDR_Urgency__c: 1 }));
    await expect(conn.sobject('Lead').update(many)).rejects.toMatchObject({
      errorCode: 'EXCEEDED_ID_LIMIT',
      message: 'record limit reached. cannot submit more than 200 records into this call',
    });
    expect(changes).toEqual([]);
    const inChunks = await conn.sobject('Lead').update(many, { allowRecursive: true });
    expect(inChunks.filter((r) => r.success)).toHaveLength(201);
  });

  it('creates, retrieves and deletes through collections, results in request order', async () => {
    const created = await conn
      .sobject('Account')
      .create([{ Name: 'Umbrella' }, { Name: 'Cyberdyne' }, { Industry: 'Retail' }]);
    expect(created.map((r) => r.success)).toEqual([true, true, false]);
    expect(created[2]).toEqual({
      success: false,
      errors: [
        { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] },
      ],
    });
    const ids = created.slice(0, 2).map((r) => r.id!);
    const retrieved = await conn.sobject('Account').retrieve([ids[1]!, '001000000000000AAA'], { fields: ['Name'] });
    expect(retrieved).toEqual([
      { attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${ids[1]!}` }, Name: 'Cyberdyne' },
      null,
    ]);
    const deleted = await conn.sobject('Account').destroy(ids);
    expect(deleted.map((r) => r.success)).toEqual([true, true]);
    expect(sf.all('Account').map((a) => a.Name)).not.toContain('Umbrella');
  });

  it('publishes a platform event on create, asynchronously as Salesforce reports it', async () => {
    const published: string[] = [];
    const unsubscribe = sf.onPublish((event) => published.push(event.type));
    const result = await conn.sobject('SDR_Call_Event__e').create({
      Call_Id__c: 'call-1',
      Record_Id__c: '00Q5g0000000001EAA',
      Event_Type__c: 'suggestion',
      Payload__c: JSON.stringify({ text: 'Ask about fleet size' }),
    });
    unsubscribe();
    expect(result).toEqual({
      id: expect.stringMatching(/^e00[0-9A-Za-z]{15}$/),
      success: true,
      errors: [{ statusCode: 'OPERATION_ENQUEUED', message: expect.stringMatching(/^[0-9a-f-]{36}$/), fields: [] }],
    });
    expect(sf.publishedEvents.at(-1)).toMatchObject({
      type: 'SDR_Call_Event__e',
      replayId: 1,
      eventUuid: result.errors[0]!.message,
      payload: { Call_Id__c: 'call-1', Event_Type__c: 'suggestion', ReplayId: '1', CreatedById: sf.userId },
    });
    expect(published).toEqual(['SDR_Call_Event__e']);
    expect(changes).toEqual([]);
    await expect(conn.sobject('SDR_Call_Event__e').create({ Nope__c: 1 })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
  });

  it('describes objects and fields for a field-mapping screen, custom fields included', async () => {
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((o) => o.name)).toEqual(
      expect.arrayContaining(['Lead', 'Contact', 'Account', 'Opportunity', 'Task', 'User', 'SDR_Call_Event__e']),
    );
    expect(global.sobjects.find((o) => o.name === 'Lead')).toMatchObject({ keyPrefix: '00Q', queryable: true });

    const lead = await conn.describe('Lead');
    const field = (name: string) => lead.fields.find((f) => f.name === name)!;
    expect(field('SDR_Reasons__c')).toMatchObject({
      type: 'textarea',
      length: 32768,
      custom: true,
      createable: true,
      updateable: true,
      nillable: true,
      filterable: false,
      extraTypeInfo: 'plaintextarea',
    });
    expect(field('SDR_EV__c')).toMatchObject({ type: 'currency', precision: 16, scale: 2, soapType: 'xsd:double' });
    expect(field('SDR_Scored_At__c')).toMatchObject({ type: 'datetime', label: 'SDR Scored At' });
    expect(field('Fleet_Size__c')).toMatchObject({ type: 'double', label: 'Fleet size', custom: true });
    expect(field('Company')).toMatchObject({ type: 'string', length: 255, nillable: false, custom: false });
    expect(field('Name')).toMatchObject({ createable: false, updateable: false, nameField: true });
    expect(field('OwnerId')).toMatchObject({ type: 'reference', referenceTo: ['User'], relationshipName: 'Owner' });
    expect(field('Status').picklistValues!.map((v) => v.value)).toContain('Working - Contacted');
    expect(field('Status').picklistValues!.find((v) => v.defaultValue)?.value).toBe('Open - Not Contacted');

    sf.defineField('Lead', {
      name: 'Current_Provider__c',
      type: 'picklist',
      picklistValues: ['Samsara', 'Verizon Connect'],
    });
    const again = await conn.describe('Lead');
    expect(again.fields.find((f) => f.name === 'Current_Provider__c')).toMatchObject({
      type: 'picklist',
      picklistValues: [
        expect.objectContaining({ value: 'Samsara' }),
        expect.objectContaining({ value: 'Verizon Connect' }),
      ],
    });
    await expect(conn.describe('Prospect__c')).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});
