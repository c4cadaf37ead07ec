import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Connection } from 'jsforce';
import { startSalesforceStandIn } from './index.ts';
import type { SalesforceStandIn } from './index.ts';

describe('Salesforce stand-in: setup (credentials, Tooling API, setup objects)', () => {
  const started: SalesforceStandIn[] = [];
  const start = async (options: Parameters<typeof startSalesforceStandIn>[0] = {}) => {
    const sf = await startSalesforceStandIn(options);
    started.push(sf);
    const session = sf.issueSession();
    const conn = new Connection({
      instanceUrl: session.instanceUrl,
      accessToken: session.accessToken,
      version: '62.0',
    });
    return { sf, conn };
  };
  afterAll(async () => {
    await Promise.all(started.map((sf) => sf.close()));
  });

  const credential = '/services/data/v62.0/named-credentials/credential';
  const principal = '?externalCredential=SDR_Backend&principalType=NamedPrincipal&principalName=SDR_Backend_Key';
  const input = (value: string) => ({
    externalCredential: 'SDR_Backend',
    authenticationProtocol: 'Custom',
    principalName: 'SDR_Backend_Key',
    principalType: 'NamedPrincipal',
    credentials: { ApiKey: { value, encrypted: true } },
  });
  const send = (conn: Connection, method: string, url: string, body: unknown) =>
    conn.request({
      method: method as 'POST',
      url,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });

  it('answers who the org is, and who a token belongs to', async () => {
    const { sf, conn } = await start({ orgName: 'Acme Logistics' });
    const org = await conn.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Organization');
    expect(org.records).toEqual([expect.objectContaining({ Id: sf.orgId, Name: 'Acme Logistics' })]);
    const { accessToken } = sf.issueSession();
    const info = await fetch(`${sf.url}/services/oauth2/userinfo`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(await info.json()).toMatchObject({ organization_id: sf.orgId, preferred_username: sf.username });
    expect((await fetch(`${sf.url}//services/data`)).status).toBe(200);
  });

  it('has no SDR credentials until the package is deployed', async () => {
    const { conn } = await start();
    await expect(conn.request(`${credential}${principal}`)).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
    const sites = await conn.tooling.query('SELECT Id FROM CspTrustedSite');
    expect(sites.records).toEqual([]);
  });

  it('creates, refuses to re-create, replaces and never shows a stored key', async () => {
    const { sf, conn } = await start({ sdrPackage: true });
    expect(await conn.request(`${credential}${principal}`)).toMatchObject({
      authenticationStatus: 'NotConfigured',
      credentials: {},
    });
    const created = await send(conn, 'POST', credential, input('sdr_first'));
    expect(created).toMatchObject({
      authenticationStatus: 'Configured',
      credentials: { ApiKey: { encrypted: true, value: null } },
    });
    await expect(send(conn, 'POST', credential, input('sdr_again'))).rejects.toMatchObject({
      errorCode: 'INVALID_INPUT',
    });
    await send(conn, 'PUT', credential, input('sdr_second'));
    expect(sf.setup.storedCredential('SDR_Backend', 'SDR_Backend_Key', 'ApiKey')).toBe('sdr_second');
    await expect(
      send(conn, 'POST', credential, { ...input('x'), authenticationProtocol: 'OAuth' }),
    ).rejects.toMatchObject({ errorCode: 'INVALID_INPUT' });
  });

  it('changes the Named Credential URL with PUT and checks what it is given', async () => {
    const { sf, conn } = await start({ sdrPackage: true });
    const url = '/services/data/v62.0/named-credentials/named-credential-setup/SDR_Backend';
    const current = await conn.request<Record<string, unknown>>(url);
    expect(current).toMatchObject({ calloutUrl: 'https://sdr-backend.example.com', type: 'SecuredEndpoint' });
    const updated = await send(conn, 'PUT', url, { ...current, calloutUrl: 'https://sdr.acme.example' });
    expect(updated).toMatchObject({
      calloutUrl: 'https://sdr.acme.example',
      externalCredentials: [{ developerName: 'SDR_Backend' }],
    });
    expect(sf.setup.namedCredentialUrl('SDR_Backend')).toBe('https://sdr.acme.example');
    await expect(send(conn, 'PUT', url, { ...current, calloutUrl: 'not a url' })).rejects.toMatchObject({
      errorCode: 'INVALID_INPUT',
    });
  });

  it('updates a CSP Trusted Site through the Tooling API and counts permission set users', async () => {
    const { sf, conn } = await start({ sdrPackage: true });
    const [site] = (
      await conn.tooling.query<{ Id: string }>(
        "SELECT Id, EndpointUrl FROM CspTrustedSite WHERE DeveloperName = 'SDR_Backend_Stream'",
      )
    ).records;
    await conn.tooling.sobject('CspTrustedSite').update({ Id: site!.Id, EndpointUrl: 'https://sdr.acme.example' });
    expect(sf.all('CspTrustedSite')[0]).toMatchObject({ EndpointUrl: 'https://sdr.acme.example' });
    await expect(conn.tooling.query('SELECT Id FROM Lead')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });

    sf.setup.assignPermissionSet('rep@acme.example.com', 'SDR_User');
    const assignments = await conn.query<{ PermissionSet: { Name: string } }>(
      "SELECT AssigneeId, PermissionSet.Name FROM PermissionSetAssignment WHERE PermissionSet.Name = 'SDR_User'",
    );
    expect(assignments.records).toEqual([
      expect.objectContaining({ PermissionSet: expect.objectContaining({ Name: 'SDR_User' }) }),
    ]);
  });

  it("runs the package's round trip as anonymous Apex: the callout with the stored key, and SdrBackend's errors", async () => {
    const seen: Array<string | undefined> = [];
    const service = createServer((req, res) => {
      seen.push(req.headers.authorization);
      const ok = req.headers.authorization === 'Bearer sdr_good' && req.url === '/v1/crm/connection';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? '{"status":"connected"}' : '{}');
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    const serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
    try {
      const { conn } = await start({ sdrPackage: true });
      const statement = "SdrBackend.getObject('/v1/crm/connection', new Map<String, String>());";
      const ncUrl = '/services/data/v62.0/named-credentials/named-credential-setup/SDR_Backend';
      const current = await conn.request<Record<string, unknown>>(ncUrl);
      await send(conn, 'PUT', ncUrl, { ...current, calloutUrl: serviceUrl });

      expect(await conn.tooling.executeAnonymous(statement)).toMatchObject({
        compiled: true,
        success: false,
        exceptionMessage: expect.stringMatching(/^SdrBackend.BackendException: The SDR service did not accept/),
      });
      await send(conn, 'POST', credential, input('sdr_good'));
      expect(await conn.tooling.executeAnonymous(statement)).toMatchObject({ compiled: true, success: true });
      // Header values are trimmed on the wire: no key stored sends a bare `Bearer`.
      expect(seen).toEqual(['Bearer', 'Bearer sdr_good']);
      expect(await conn.tooling.executeAnonymous('System.debug(1);')).toMatchObject({ compiled: false });

      const bare = await start();
      expect(await bare.conn.tooling.executeAnonymous(statement)).toMatchObject({
        compiled: false,
        compileProblem: 'Variable does not exist: SdrBackend',
      });
    } finally {
      await new Promise<void>((resolve) => service.close(() => resolve()));
    }
  });
});
