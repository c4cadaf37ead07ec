import { Messages, type Connection } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { CrmConnection, RoutingRuleSetList, routes } from '@sdr/shared';
import { backendFlags, backendFor } from '../../backend-flags.ts';
import type { Backend } from '../../backend.ts';
import { hasStoredKey, readCspTrustedSite, readKeyCredential, readNamedCredential } from '../../org-credentials.ts';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sdr/sf-plugin-sdr', 'sdr.status');

export type StatusResult = {
  orgId: string;
  backend: {
    url: string;
    reachable: boolean;
    version: string | null;
    keyAccepted: boolean;
  };
  crm: {
    status: string;
    message: string;
    lastSyncAt: string | null;
    apiUsage: { used: number; max: number } | null;
    pendingWriteBacks: number;
    failedWriteBacks: number;
  } | null;
  model: { version: string; kind: string; promotedAt: string | null } | null;
  routing: { version: number; rules: number; createdAt: string } | null;
  org: {
    namedCredentialUrl: string | null;
    keyStored: boolean;
    cspTrustedSite: string | null;
    permissionSets: { SDR_User: number; SDR_Admin: number };
  };
  /** What needs attention, in words; empty when all is well. */
  problems: string[];
};

const ModelList = routes.listModels.responses[200].schema;
const Health = routes.health.responses[200].schema;
const OpenApiDocument = routes.openApi.responses[200].schema;

export default class Status extends SfCommand<StatusResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    ...backendFlags,
  };

  public async run(): Promise<StatusResult> {
    const { flags } = await this.parse(Status);
    const org = flags['target-org'];
    const conn = org.getConnection('62.0');
    const target = org.getUsername() ?? org.getOrgId();
    const backend = await backendFor(org, flags, 15_000);
    const problems: string[] = [];

    this.spinner.start('Asking the SDR service and the org');
    const [service, orgSide] = await Promise.all([serviceStatus(backend, problems), orgStatus(conn, target)]);
    this.spinner.stop();

    if (orgSide.namedCredentialUrl !== null && orgSide.namedCredentialUrl !== backend.url) {
      problems.push(messages.getMessage('problem.urlMismatch', [orgSide.namedCredentialUrl, backend.url]));
    }
    if (!orgSide.keyStored) problems.push(messages.getMessage('problem.noKeyInOrg'));
    if (orgSide.permissionSets.SDR_User === 0) problems.push(messages.getMessage('problem.noUsers'));
    problems.push(...orgSide.problems);

    const result: StatusResult = {
      orgId: org.getOrgId(),
      ...service,
      org: {
        namedCredentialUrl: orgSide.namedCredentialUrl,
        keyStored: orgSide.keyStored,
        cspTrustedSite: orgSide.cspTrustedSite,
        permissionSets: orgSide.permissionSets,
      },
      problems,
    };
    this.print(result);
    return result;
  }

  private print(result: StatusResult): void {
    const { backend, crm, model, routing, org } = result;
    const rows: Array<{ item: string; value: string }> = [
      { item: 'URL', value: backend.url },
      { item: 'Reachable', value: yesNo(backend.reachable) + (backend.version ? ` (version ${backend.version})` : '') },
      { item: 'Key accepted', value: yesNo(backend.keyAccepted) },
    ];
    if (crm) {
      rows.push(
        { item: 'CRM connection', value: `${crm.status}: ${crm.message}` },
        { item: 'Last sync', value: crm.lastSyncAt ?? 'never' },
        {
          item: 'Salesforce API usage',
          value: crm.apiUsage ? `${crm.apiUsage.used} / ${crm.apiUsage.max}` : 'unknown',
        },
        { item: 'Write-backs pending / failed', value: `${crm.pendingWriteBacks} / ${crm.failedWriteBacks}` },
      );
    }
    rows.push(
      { item: 'Active model', value: model ? `${model.version} (${model.kind})` : 'none' },
      { item: 'Active routing rules', value: routing ? `version ${routing.version}, ${routing.rules} rules` : 'none' },
    );
    this.table({ data: rows, title: messages.getMessage('header.backend'), columns: ['item', 'value'] });
    this.table({
      data: [
        { item: 'Named Credential SDR_Backend', value: org.namedCredentialUrl ?? 'missing' },
        { item: 'Key stored (SDR_Backend_Key)', value: yesNo(org.keyStored) },
        { item: 'CSP Trusted Site SDR_Backend_Stream', value: org.cspTrustedSite ?? 'missing' },
        { item: 'Users with SDR_User', value: String(org.permissionSets.SDR_User) },
        { item: 'Users with SDR_Admin', value: String(org.permissionSets.SDR_Admin) },
      ],
      title: messages.getMessage('header.org'),
      columns: ['item', 'value'],
    });
    for (const problem of result.problems) this.warn(problem);
  }
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

async function serviceStatus(backend: Backend, problems: string[]) {
  const out: Pick<StatusResult, 'backend' | 'crm' | 'model' | 'routing'> = {
    backend: { url: backend.url, reachable: false, version: null, keyAccepted: false },
    crm: null,
    model: null,
    routing: null,
  };
  try {
    await backend.get(routes.health.path, Health);
    out.backend.reachable = true;
  } catch (error) {
    problems.push(messages.getMessage('problem.unreachable', [(error as Error).message]));
    return out;
  }
  const openApi = await backend.get(routes.openApi.path, OpenApiDocument).catch(() => null);
  const version = (openApi?.data.info as { version?: unknown } | undefined)?.version;
  out.backend.version = typeof version === 'string' ? version : null;
  try {
    const { data } = await backend.get(routes.getCrmConnection.path, CrmConnection);
    out.backend.keyAccepted = true;
    out.crm = {
      status: data.status,
      message: data.message,
      lastSyncAt: data.lastSyncAt,
      apiUsage: data.apiUsage,
      pendingWriteBacks: data.pendingWriteBacks,
      failedWriteBacks: data.failedWriteBacks,
    };
    if (data.status !== 'connected') problems.push(messages.getMessage('problem.crm', [data.message]));
  } catch (error) {
    problems.push(messages.getMessage('problem.keyRejected', [(error as Error).message]));
    return out;
  }
  const [models, ruleSets] = await Promise.all([
    backend.get(routes.listModels.path, ModelList),
    backend.get(routes.listRuleSets.path, RoutingRuleSetList),
  ]);
  const active = models.data.data.find((m) => m.status === 'active');
  out.model = active ? { version: active.version, kind: active.kind, promotedAt: active.promotedAt } : null;
  if (!active) problems.push(messages.getMessage('problem.noModel'));
  const ruleSet = ruleSets.data.data.find((r) => r.active);
  out.routing = ruleSet
    ? { version: ruleSet.version, rules: ruleSet.rules.length, createdAt: ruleSet.createdAt }
    : null;
  if (!ruleSet) problems.push(messages.getMessage('problem.noRuleSet'));
  return out;
}

async function orgStatus(conn: Connection, target: string) {
  const problems: string[] = [];
  const attempt = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      problems.push((error as Error).message);
      return fallback;
    }
  };
  const [namedCredentialUrl, keyStored, cspTrustedSite, permissionSets] = await Promise.all([
    attempt(async () => (await readNamedCredential(conn, target)).calloutUrl, null),
    attempt(async () => hasStoredKey(await readKeyCredential(conn, target)), false),
    attempt(() => readCspTrustedSite(conn), null),
    attempt(() => permissionSetUsers(conn), { SDR_User: 0, SDR_Admin: 0 }),
  ]);
  return { namedCredentialUrl, keyStored, cspTrustedSite, permissionSets, problems };
}

async function permissionSetUsers(conn: Connection): Promise<{ SDR_User: number; SDR_Admin: number }> {
  const result = await conn.query<{ AssigneeId: string; PermissionSet: { Name: string } }>(
    "SELECT AssigneeId, PermissionSet.Name FROM PermissionSetAssignment WHERE PermissionSet.Name IN ('SDR_User', 'SDR_Admin')",
    { autoFetch: true, maxFetch: 100_000 },
  );
  const users = { SDR_User: new Set<string>(), SDR_Admin: new Set<string>() };
  for (const row of result.records) {
    const name = row.PermissionSet.Name as keyof typeof users;
    users[name]?.add(row.AssigneeId);
  }
  return { SDR_User: users.SDR_User.size, SDR_Admin: users.SDR_Admin.size };
}
