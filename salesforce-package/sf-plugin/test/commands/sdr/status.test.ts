import { TestContext } from '@salesforce/core/testSetup';
import Connect from '../../../src/commands/sdr/connect.ts';
import Status from '../../../src/commands/sdr/status.ts';
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

describe('sf sdr status', () => {
  const $$ = new TestContext();
  let backend: RunningBackend;
  let sf: SalesforceStandIn;
  let ux: ReturnType<typeof captureUx>;
  let apiKey: string;

  beforeAll(async () => {
    [backend, sf] = await Promise.all([startBackend(), startOrg()]);
    ({ apiKey } = await connectedTenant(backend));
    sf.setup.assignPermissionSet('sdr.one@acme.example.com', 'SDR_User');
    sf.setup.assignPermissionSet('sdr.two@acme.example.com', 'SDR_User');
    sf.setup.assignPermissionSet(sf.username, 'SDR_Admin');
    sf.setup.assignPermissionSet(sf.username, 'SDR_User');
    const ruleSet = await fetch(`${backend.url}/v1/routing/rule-sets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        rules: [
          { id: 'owners', name: 'Account owners', conditions: [], target: { type: 'account_owner' }, slaMinutes: 30 },
        ],
        activate: true,
      }),
    });
    expect(ruleSet.status).toBe(201);
  });
  afterAll(async () => {
    await Promise.all([backend?.close(), sf?.close()]);
  });
  beforeEach(async () => {
    await authoriseOrg($$, sf);
    ux = captureUx($$);
  });

  it('reports both sides of a connected org', async () => {
    await Connect.run(['--target-org', sf.username, '--backend-url', backend.url, '--api-key', apiKey]);
    const result = await Status.run(['--target-org', sf.username]);

    expect(result).toMatchObject({
      orgId: sf.orgId,
      backend: { url: backend.url, reachable: true, version: 'test', keyAccepted: true },
      crm: { status: expect.any(String), pendingWriteBacks: 0, failedWriteBacks: 0 },
      model: null,
      routing: { version: 1, rules: 1 },
      org: {
        namedCredentialUrl: backend.url,
        keyStored: true,
        cspTrustedSite: backend.url,
        permissionSets: { SDR_User: 3, SDR_Admin: 1 },
      },
    });
    expect(result.problems).toContain('No active scoring model yet.');
    const tables = ux.table.getCalls().map((call) => JSON.stringify(call.args[0].data));
    expect(tables.join('\n')).toMatch(/Users with SDR_User.*"3"/);
  });

  it('uses --backend-url and --api-key over the saved connection', async () => {
    saveConnection($$, sf.orgId, await deadUrl(), 'sdr_saved-key');
    const result = await Status.run(['--target-org', sf.username, '--backend-url', backend.url, '--api-key', apiKey]);
    expect(result.backend).toMatchObject({ reachable: true, keyAccepted: true });
  });

  it('reports a service that does not answer, and still shows the org side', async () => {
    const url = await deadUrl();
    saveConnection($$, sf.orgId, url, apiKey);
    const result = await Status.run(['--target-org', sf.username]);
    expect(result.backend).toEqual({ url, reachable: false, version: null, keyAccepted: false });
    expect(result.problems[0]).toMatch(/does not answer: Cannot reach/);
    expect(result.org.keyStored).toBe(true);
    expect(result.problems).toEqual(expect.arrayContaining([expect.stringMatching(/Named Credential points at/)]));
  });

  it('reports a key the service refuses', async () => {
    saveConnection($$, sf.orgId, backend.url, 'sdr_revoked-or-wrong');
    const result = await Status.run(['--target-org', sf.username]);
    expect(result.backend).toMatchObject({ reachable: true, keyAccepted: false });
    expect(result.problems[0]).toMatch(/refused the key/);
  });

  it('asks to connect an org that never was', async () => {
    await expect(Status.run(['--target-org', sf.username])).rejects.toMatchObject({
      name: 'NotConnectedError',
      actions: [expect.stringMatching(/sf sdr connect --target-org/), expect.stringMatching(/--api-key/)],
    });
  });
});
