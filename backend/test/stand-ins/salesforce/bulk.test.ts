import { Connection } from 'jsforce';
import { startSalesforceStandIn } from './index.ts';
import type { SalesforceStandIn } from './index.ts';

describe('Salesforce stand-in: Bulk API 2.0 ingest', () => {
  let sf: SalesforceStandIn;
  let conn: Connection;

  beforeAll(async () => {
    sf = await startSalesforceStandIn();
    const session = sf.issueSession();
    conn = new Connection({ instanceUrl: session.instanceUrl, accessToken: session.accessToken, version: '62.0' });
  });
  afterAll(async () => {
    await sf.close();
  });

  const jobCalls = () => sf.calls.filter((c) => c.path.includes('/jobs/ingest'));

  it('updates 1,000 records in one job, reporting the 2 that fail', async () => {
    const leads = sf.insert(
      'Lead',
      Array.from({ length: 1000 }, (_, i) => ({ LastName: `Lead ${i}`, Company: 'Acme' })),
    );
    const locked = [String(leads[10]!.Id), String(leads[900]!.Id)];
    for (const id of locked) {
      sf.failRecord(id, {
        statusCode: 'UNABLE_TO_LOCK_ROW',
        message: 'unable to obtain exclusive access to this record',
      });
    }
    const before = jobCalls().length;
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Lead',
      operation: 'update',
      input: leads.map((lead, i) => ({
        Id: String(lead.Id),
        SDR_EV_Score__c: i % 100,
        SDR_Reasons__c: `Reason "${i}", with a comma\nand a line`,
        SDR_Scored_At__c: '2026-11-24T10:00:00.000Z',
      })),
      pollInterval: 10,
      pollTimeout: 5000,
    });

    expect(results.successfulResults).toHaveLength(998);
    expect(results.failedResults).toHaveLength(2);
    expect(results.unprocessedRecords).toEqual([]);
    expect(results.successfulResults[0]).toMatchObject({
      sf__Id: leads[0]!.Id,
      sf__Created: 'false',
      Id: leads[0]!.Id,
      SDR_EV_Score__c: '0',
    });
    expect(results.failedResults.map((r) => r.sf__Id).sort()).toEqual([...locked].sort());
    expect(results.failedResults[0]!.sf__Error).toBe(
      'UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--',
    );

    expect(sf.get('Lead', String(leads[999]!.Id))).toMatchObject({
      SDR_EV_Score__c: 99,
      SDR_Reasons__c: 'Reason "999", with a comma\nand a line',
      SDR_Scored_At__c: '2026-11-24T10:00:00.000+0000',
    });
    expect(sf.get('Lead', locked[0]!)!.SDR_EV_Score__c).toBeNull();

    const traffic = jobCalls()
      .slice(before)
      .map((c) => `${c.method} ${c.path.replace('/services/data/v62.0', '').replace(/750\w{15}/, ':id')} ${c.status}`);
    expect(traffic.slice(0, 5)).toEqual([
      'POST /jobs/ingest 200',
      'PUT /jobs/ingest/:id/batches 201',
      'PATCH /jobs/ingest/:id 200',
      'GET /jobs/ingest/:id 200',
      'GET /jobs/ingest/:id 200',
    ]);
    // jsforce fetches the three result sets at once.
    expect(traffic.slice(5).sort()).toEqual([
      'GET /jobs/ingest/:id/failedResults 200',
      'GET /jobs/ingest/:id/successfulResults 200',
      'GET /jobs/ingest/:id/unprocessedrecords 200',
    ]);
  });

  it('moves a job from UploadComplete through InProgress to JobComplete as it is polled', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    const opened = await job.open();
    expect(opened).toMatchObject({ state: 'Open', object: 'Account', operation: 'insert', contentType: 'CSV' });
    await job.uploadData('Name,Industry,NumberOfEmployees\nInitech,Technology,120\n,Retail,5\nHooli,#N/A,\n');
    await job.close();
    expect(job.getInfo().state).toBe('UploadComplete');
    expect((await job.check()).state).toBe('InProgress');
    expect(await job.check()).toMatchObject({
      state: 'JobComplete',
      jobType: 'V2Ingest',
      numberRecordsProcessed: 3,
      numberRecordsFailed: 1,
    });
    const results = await job.getAllResults();
    expect(results.successfulResults.map((r) => [r.sf__Created, (r as Record<string, unknown>).Name])).toEqual([
      ['true', 'Initech'],
      ['true', 'Hooli'],
    ]);
    expect(results.failedResults[0]!.sf__Error).toBe(
      'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --',
    );
    const hooli = sf.get('Account', String(results.successfulResults[1]!.sf__Id))!;
    expect(hooli).toMatchObject({ Name: 'Hooli', Industry: null, NumberOfEmployees: null });
    expect(sf.get('Account', String(results.successfulResults[0]!.sf__Id))!.NumberOfEmployees).toBe(120);
    await job.delete();
  });

  it('fails the job when the CSV names a field the object lacks', async () => {
    const [lead] = sf.insert('Lead', [{ LastName: 'X', Company: 'Y' }]);
    await expect(
      conn.bulk2.loadAndWaitForResults({
        object: 'Lead',
        operation: 'update',
        input: [{ Id: String(lead!.Id), Fleet_Size__c: '40' }],
        pollInterval: 10,
        pollTimeout: 5000,
      }),
    ).rejects.toThrow('Ingest job failed to complete due to: InvalidBatch : Field name not found : Fleet_Size__c');
  });
});
