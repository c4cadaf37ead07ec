import { TestContext } from '@salesforce/core/testSetup';
import Rescore from '../../../src/commands/sdr/rescore.ts';
import type { SalesforceStandIn } from '../../../../../backend/test/stand-ins/salesforce/index.ts';
import {
  authoriseOrg,
  captureUx,
  connectedTenant,
  deadUrl,
  saveConnection,
  startBackend,
  startOrg,
  type RunningBackend,
} from '../../harness.ts';

describe('sf sdr rescore', () => {
  const $$ = new TestContext();
  let backend: RunningBackend;
  let sf: SalesforceStandIn;
  let ux: ReturnType<typeof captureUx>;
  let apiKey: string;
  let webLeads: string[];
  let phoneLeads: string[];

  beforeAll(async () => {
    [backend, sf] = await Promise.all([startBackend(), startOrg()]);
    ({ apiKey } = await connectedTenant(backend));
    const lead = (n: number, source: string) => ({
      LastName: `Lead ${n}`,
      Company: `Company ${n}`,
      LeadSource: source,
    });
    webLeads = sf
      .insert(
        'Lead',
        [1, 2, 3].map((n) => lead(n, 'Web')),
      )
      .map((r) => String(r.Id));
    phoneLeads = sf
      .insert(
        'Lead',
        [4, 5].map((n) => lead(n, 'Phone Inquiry')),
      )
      .map((r) => String(r.Id));
    // The service stores four of the five: the last web lead has not been synced yet.
    const stored = [...webLeads.slice(0, 2), ...phoneLeads].map((crmId, i) => ({
      crmId,
      lastName: `Lead ${i}`,
      companyName: `Company ${i}`,
    }));
    const put = await fetch(`${backend.url}/v1/leads`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(stored),
    });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all([backend?.close(), sf?.close()]);
  });
  beforeEach(async () => {
    await authoriseOrg($$, sf);
    ux = captureUx($$);
    saveConnection($$, sf.orgId, backend.url, apiKey);
  });

  it('rescores every lead and follows the job to its end', async () => {
    const result = await Rescore.run(['--target-org', sf.username, '--wait', '1']);
    expect(result).toMatchObject({
      where: null,
      matched: null,
      finished: true,
      scored: 4,
      jobs: [{ id: expect.any(String), crmIds: null, state: 'completed', scored: 4 }],
    });
  });

  it('rescores the leads a SOQL condition picks, and names those the service does not store', async () => {
    const result = await Rescore.run(['--target-org', sf.username, '--where', "LeadSource = 'Web'", '--wait', '1']);
    expect(result).toMatchObject({
      where: "LeadSource = 'Web'",
      matched: 3,
      finished: true,
      scored: 2,
      notFoundCount: 1,
      jobs: [{ crmIds: 3, state: 'completed', scored: 2, notFoundCount: 1, notFound: [webLeads[2]] }],
    });
    const lines = ux.log.getCalls().map((call) => String(call.args[0]));
    expect(lines).toContain('3 leads match in the org.');
    expect(lines.some((line) => line.includes(webLeads[2]!))).toBe(true);
  });

  it('returns the job at once without --wait', async () => {
    const result = await Rescore.run(['--target-org', sf.username, '--json']);
    expect(result).toMatchObject({ finished: false, scored: null, jobs: [{ id: expect.any(String) }] });
  });

  it('does not call the service when nothing matches', async () => {
    const result = await Rescore.run(['--target-org', sf.username, '--where', "LeadSource = 'Other'"]);
    expect(result).toEqual({
      where: "LeadSource = 'Other'",
      matched: 0,
      jobs: [],
      finished: true,
      scored: 0,
      notFoundCount: 0,
    });
  });

  it("passes on the org's message for a bad condition", async () => {
    await expect(Rescore.run(['--target-org', sf.username, '--where', 'NoSuchField__c = 1'])).rejects.toMatchObject({
      name: 'QueryFailedError',
      message: expect.stringMatching(/refused the --where condition: .*NoSuchField__c/s),
      actions: expect.arrayContaining([expect.stringMatching(/sf data query --target-org/)]),
    });
  });

  it('says it cannot reach a service that is down', async () => {
    saveConnection($$, sf.orgId, await deadUrl(), apiKey);
    await expect(Rescore.run(['--target-org', sf.username])).rejects.toMatchObject({
      name: 'UnreachableError',
      message: expect.stringMatching(/^Cannot reach the SDR service/),
    });
  });
});
