import { TestContext } from '@salesforce/core/testSetup';
import Connect from '../../../src/commands/sdr/connect.ts';
import type { SalesforceStandIn } from '../../../../../backend/test/stand-ins/salesforce/index.ts';
import {
  authoriseOrg,
  captureUx,
  deadUrl,
  REGISTRATION_TOKEN,
  startBackend,
  startOrg,
  type RunningBackend,
} from '../../harness.ts';

describe('sf sdr connect', () => {
  const $$ = new TestContext();
  let backend: RunningBackend;
  let sf: SalesforceStandIn;
  let ux: ReturnType<typeof captureUx>;

  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(async () => {
    await backend?.close();
  });
  beforeEach(async () => {
    sf = await startOrg();
    await authoriseOrg($$, sf);
    ux = captureUx($$);
  });
  afterEach(async () => {
    await sf?.close();
  });

  const output = () =>
    ux.log
      .getCalls()
      .map((call) => String(call.args[0] ?? ''))
      .join('\n');

  it('registers the org, stores the key in the org, points it at the service and checks both ways', async () => {
    const result = await Connect.run([
      '--target-org',
      sf.username,
      '--backend-url',
      `${backend.url}/`,
      '--registration-token',
      REGISTRATION_TOKEN,
    ]);

    expect(result).toMatchObject({
      orgId: sf.orgId,
      orgName: 'Acme Logistics',
      tenantId: expect.any(String),
      backendUrl: backend.url,
      registered: 'created',
      keyStored: true,
      namedCredentialUrl: backend.url,
      cspTrustedSite: backend.url,
      backendCheck: { ok: true, crmStatus: expect.any(String) },
      orgCheck: { ok: true },
    });
    const key = sf.setup.storedCredential('SDR_Backend', 'SDR_Backend_Key', 'ApiKey');
    expect(key).toMatch(/^sdr_/);
    expect(sf.setup.namedCredentialUrl('SDR_Backend')).toBe(backend.url);
    expect(sf.all('CspTrustedSite')[0]).toMatchObject({ EndpointUrl: backend.url, IsActive: true });
    const tenant = await backend.t.db.prisma.tenant.findUnique({ where: { id: result.tenantId! } });
    expect(tenant).toMatchObject({ crm: 'salesforce', externalId: sf.orgId, name: 'Acme Logistics' });

    // Saved for the other commands, with the key encrypted at rest.
    const saved = $$.getConfigStubContents('SavedConnections') as Record<
      string,
      { apiKey: string; backendUrl: string }
    >;
    expect(saved[sf.orgId]!.backendUrl).toBe(backend.url);
    expect(saved[sf.orgId]!.apiKey).not.toBe(key);
    // Never printed.
    expect(JSON.stringify(result)).not.toContain(key!);
    expect(output()).not.toContain(key!);
    expect(output()).toMatch(/Registered as a new tenant/);
  });

  it('issues a fresh key to an org already registered and replaces the stored one', async () => {
    const argv = [
      '--target-org',
      sf.username,
      '--backend-url',
      backend.url,
      '--registration-token',
      REGISTRATION_TOKEN,
    ];
    const first = await Connect.run(argv);
    const firstKey = sf.setup.storedCredential('SDR_Backend', 'SDR_Backend_Key', 'ApiKey');
    const second = await Connect.run(argv);
    expect(second).toMatchObject({ registered: 'existing', tenantId: first.tenantId, orgCheck: { ok: true } });
    expect(sf.setup.storedCredential('SDR_Backend', 'SDR_Backend_Key', 'ApiKey')).not.toBe(firstKey);
  });

  it('uses a key the operator issued without registering', async () => {
    const tenant = await backend.t.db.prisma.tenant.count();
    const { apiKey } = await import('../../../../../backend/src/tenancy/tenants.ts').then((m) =>
      m.createTenant(backend.t.db.prisma, { crm: 'salesforce', externalId: sf.orgId, name: 'Acme' }),
    );
    const result = await Connect.run(['--target-org', sf.username, '--backend-url', backend.url, '--api-key', apiKey]);
    expect(result).toMatchObject({ registered: 'skipped', tenantId: null, backendCheck: { ok: true } });
    expect(await backend.t.db.prisma.tenant.count()).toBe(tenant + 1);
    expect(sf.setup.storedCredential('SDR_Backend', 'SDR_Backend_Key', 'ApiKey')).toBe(apiKey);
  });

  it('says what to do when the registration token is wrong', async () => {
    await expect(
      Connect.run(['--target-org', sf.username, '--backend-url', backend.url, '--registration-token', 'wrong']),
    ).rejects.toMatchObject({
      name: 'RegistrationRefusedError',
      message: expect.stringMatching(/refused to register/),
      actions: expect.arrayContaining([expect.stringMatching(/REGISTRATION_TOKEN/)]),
    });
    expect(sf.setup.storedCredential('SDR_Backend', 'SDR_Backend_Key', 'ApiKey')).toBeUndefined();
  });

  it('reports a service it cannot reach', async () => {
    await expect(
      Connect.run([
        '--target-org',
        sf.username,
        '--backend-url',
        await deadUrl(),
        '--registration-token',
        REGISTRATION_TOKEN,
      ]),
    ).rejects.toMatchObject({
      name: 'UnreachableError',
      message: expect.stringMatching(/Cannot reach .*ECONNREFUSED/),
    });
  });

  it('reports an org that cannot reach the service although the key is stored', async () => {
    // The service as the org sees it is elsewhere: the callout from the org fails, the local check passes.
    const result = await Connect.run([
      '--target-org',
      sf.username,
      '--backend-url',
      backend.url,
      '--registration-token',
      REGISTRATION_TOKEN,
    ]);
    expect(result.orgCheck.ok).toBe(true);
    await backend.t.db.prisma.apiKey.updateMany({ data: { revokedAt: new Date() } });
    const again = await Connect.run([
      '--target-org',
      sf.username,
      '--backend-url',
      backend.url,
      '--api-key',
      'sdr_not-a-key',
    ]);
    expect(again.backendCheck).toMatchObject({ ok: false, message: expect.stringMatching(/refused the API key/) });
    expect(again.orgCheck).toMatchObject({
      ok: false,
      message: expect.stringMatching(/did not accept this org's key/),
    });
    expect(ux.warn.getCalls().some((call) => /a check failed/.test(String(call.args[0])))).toBe(true);
  });
});

describe('sf sdr connect, in an org without the package', () => {
  const $$ = new TestContext();
  let backend: RunningBackend;
  let sf: SalesforceStandIn;

  beforeAll(async () => {
    [backend, sf] = await Promise.all([startBackend(), startOrg({ sdrPackage: false })]);
  });
  afterAll(async () => {
    await Promise.all([backend?.close(), sf?.close()]);
  });
  beforeEach(async () => {
    await authoriseOrg($$, sf);
    captureUx($$);
  });

  it('asks for the package to be deployed first', async () => {
    await expect(
      Connect.run([
        '--target-org',
        sf.username,
        '--backend-url',
        backend.url,
        '--registration-token',
        REGISTRATION_TOKEN,
      ]),
    ).rejects.toMatchObject({
      name: 'PackageMissingError',
      message: expect.stringMatching(/External Credential SDR_Backend is not in the org/),
      actions: [expect.stringMatching(/sf project deploy start/)],
    });
  });
});
