import { Messages, type Connection } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { CrmConnection, routes, TenantRegistered } from '@sdr/shared';
import { Backend, BackendProblemError, normalizeUrl } from '../../backend.ts';
import { lightningOrigin } from '../../lightning-origin.ts';
import { pointCspTrustedSite, pointNamedCredential, storeApiKey } from '../../org-credentials.ts';
import { checkOrgReachesBackend, type OrgCheck } from '../../org-round-trip.ts';
import { SavedConnections } from '../../saved-connections.ts';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sdr/sf-plugin-sdr', 'sdr.connect');

export type ConnectResult = {
  orgId: string;
  orgName: string;
  tenantId: string | null;
  backendUrl: string;
  registered: 'created' | 'existing' | 'skipped';
  keyStored: true;
  namedCredentialUrl: string;
  cspTrustedSite: string;
  backendCheck: { ok: boolean; crmStatus: string | null; message: string };
  orgCheck: OrgCheck;
  /** The origin the service must allow in CORS_ORIGINS for the live stream, when it can be told. */
  lightningOrigin: string | null;
};

export default class Connect extends SfCommand<ConnectResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'backend-url': Flags.url({ summary: messages.getMessage('flags.backend-url.summary'), required: true }),
    'registration-token': Flags.string({
      summary: messages.getMessage('flags.registration-token.summary'),
      description: messages.getMessage('flags.registration-token.description'),
      env: 'SDR_REGISTRATION_TOKEN',
    }),
    'api-key': Flags.string({
      summary: messages.getMessage('flags.api-key.summary'),
      description: messages.getMessage('flags.api-key.description'),
      env: 'SDR_API_KEY',
    }),
  };

  public async run(): Promise<ConnectResult> {
    const { flags } = await this.parse(Connect);
    const org = flags['target-org'];
    const conn = org.getConnection('62.0');
    const target = org.getUsername() ?? org.getOrgId();
    const registrationToken = flags['registration-token'];
    const givenKey = flags['api-key'];
    if (!givenKey && !registrationToken) throw messages.createError('error.NoCredentials');

    const { orgId, orgName } = await whoIs(conn);
    this.log(messages.getMessage('step.org', [orgName, orgId]));

    const backendUrl = normalizeUrl(flags['backend-url'].href);
    let apiKey: string;
    let tenantId: string | null = null;
    let registered: ConnectResult['registered'];
    const saved = await SavedConnections.open();
    if (givenKey) {
      apiKey = givenKey;
      registered = 'skipped';
      this.log(messages.getMessage('step.registered.skipped'));
    } else {
      // An org registered before proves itself with the key saved then: the token alone gets no key for it.
      const previous = saved.find(orgId);
      const currentApiKey = previous && previous.backendUrl === backendUrl ? previous.apiKey : undefined;
      ({ apiKey, tenantId, registered } = await this.register(backendUrl, registrationToken!, {
        orgId,
        orgName,
        currentApiKey,
      }));
    }
    // Saved before the org is touched: the fresh key must survive a failure in the steps below.
    await saved.save(orgId, { backendUrl, apiKey, tenantId, savedAt: new Date().toISOString() });

    await storeApiKey(conn, apiKey, target);
    this.log(messages.getMessage('step.keyStored'));
    const namedCredentialUrl = await pointNamedCredential(conn, backendUrl, target);
    this.log(messages.getMessage('step.namedCredential', [namedCredentialUrl]));
    const cspTrustedSite = await pointCspTrustedSite(conn, backendUrl, target);
    this.log(messages.getMessage('step.cspTrustedSite', [cspTrustedSite]));

    const backendCheck = await checkBackend(new Backend({ url: backendUrl, apiKey }));
    this.log(
      backendCheck.ok
        ? messages.getMessage('step.backendCheck.ok', [backendCheck.crmStatus ?? 'unknown', backendCheck.message])
        : messages.getMessage('step.backendCheck.failed', [backendCheck.message]),
    );
    const orgCheck = await checkOrgReachesBackend(conn);
    this.log(messages.getMessage(orgCheck.ok ? 'step.orgCheck.ok' : 'step.orgCheck.failed', [orgCheck.message]));

    const lightning = lightningOrigin(conn.instanceUrl);
    if (lightning) this.info(messages.getMessage('info.cors', [lightning]));
    if (!backendCheck.ok || !orgCheck.ok) this.warn(messages.getMessage('warning.checksFailed'));

    return {
      orgId,
      orgName,
      tenantId,
      backendUrl,
      registered,
      keyStored: true,
      namedCredentialUrl,
      cspTrustedSite,
      backendCheck,
      orgCheck,
      lightningOrigin: lightning,
    };
  }

  private async register(
    backendUrl: string,
    token: string,
    org: { orgId: string; orgName: string; currentApiKey: string | undefined },
  ) {
    const backend = new Backend({ url: backendUrl });
    try {
      const { status, data } = await backend.call('POST', routes.registerTenant.path, {
        token,
        body: {
          crm: 'salesforce',
          externalId: org.orgId,
          name: org.orgName,
          ...(org.currentApiKey ? { currentApiKey: org.currentApiKey } : {}),
        },
        schema: TenantRegistered,
      });
      const registered = status === 201 || data.created ? ('created' as const) : ('existing' as const);
      this.log(messages.getMessage(`step.registered.${registered}`, [data.tenantId]));
      return { apiKey: data.apiKey, tenantId: data.tenantId, registered };
    } catch (error) {
      if (error instanceof BackendProblemError && error.data?.status === 409)
        throw messages.createError('error.AlreadyRegistered', [org.orgId]);
      if (error instanceof BackendProblemError && error.data?.status === 403) {
        const problem = error.data.problem;
        throw messages.createError('error.RegistrationRefused', [problem?.detail ?? problem?.title ?? 'forbidden']);
      }
      throw error;
    }
  }
}

async function whoIs(conn: Connection): Promise<{ orgId: string; orgName: string }> {
  const result = await conn.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Organization');
  const organization = result.records[0];
  if (!organization) throw messages.createError('error.NoOrganization');
  return { orgId: organization.Id, orgName: organization.Name };
}

async function checkBackend(backend: Backend): Promise<ConnectResult['backendCheck']> {
  try {
    const { data } = await backend.get(routes.getCrmConnection.path, CrmConnection);
    return { ok: true, crmStatus: data.status, message: data.message };
  } catch (error) {
    return { ok: false, crmStatus: null, message: (error as Error).message };
  }
}
