import { Router } from 'express';
import { routes } from '@sdr/shared';
import type { Clock } from '../../clock.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { connectionView, saveAuthorisation } from '../../integrations/crm/connections.ts';
import { callbackUrl, openCrm, salesforceApp, type CrmContext } from '../../integrations/crm/crm-access.ts';
import type { CrmJobs } from '../../integrations/crm/jobs.ts';
import { hubspotAuthorizeUrl } from '../../integrations/crm/hubspot/install.ts';
import { issueState, STATE_TTL_MS } from '../../integrations/crm/oauth-state.ts';
import { connectWithJwt, salesforceAuthorizeUrl, sameOrg } from '../../integrations/crm/salesforce/connect.ts';
import { DEFAULT_MAPPINGS } from '../../integrations/crm/default-mapping.ts';
import type { RequestTenant } from '../auth.ts';
import { HttpProblem } from '../problems.ts';
import { tenantRoute } from '../route.ts';

export interface CrmRouteDeps {
  jobs: JobQueue;
  crm: CrmJobs;
  context: CrmContext;
  clock: Clock;
}

export async function tenantCrm(tenant: RequestTenant) {
  const row = await tenant.db.client.tenant.findFirst({ select: { crm: true, externalId: true } });
  if (!row) throw new HttpProblem(404, 'No such tenant');
  return row;
}

export function crmRoutes(deps: CrmRouteDeps): Router {
  const router = Router();

  tenantRoute(router, routes.getCrmConnection, async ({ tenant }) => {
    const { crm } = await tenantCrm(tenant);
    return { status: 200, body: await connectionView(tenant.db, crm, deps.clock.now()) };
  });

  tenantRoute(router, routes.authorizeCrm, async ({ tenant }) => {
    const { crm } = await tenantCrm(tenant);
    const now = deps.clock.now().getTime();
    const state = issueState(deps.context.box, { tenantId: tenant.tenantId, crm }, now);
    const expiresAt = new Date(now + STATE_TTL_MS).toISOString();
    if (crm === 'salesforce') {
      const app = await salesforceApp(deps.context);
      if (!app)
        throw new HttpProblem(409, 'The Salesforce app is not configured on this service (SALESFORCE_CLIENT_ID)');
      const url = salesforceAuthorizeUrl(app, deps.context.config.salesforce.loginUrl, state);
      return { status: 200, body: { authorizeUrl: url, expiresAt } };
    }
    const { clientId } = deps.context.config.hubspot;
    if (!clientId) throw new HttpProblem(409, 'The HubSpot app is not configured on this service (HUBSPOT_CLIENT_ID)');
    const url = hubspotAuthorizeUrl({
      authorizeUrl: deps.context.config.hubspot.authorizeUrl,
      clientId,
      redirectUri: callbackUrl(deps.context, 'hubspot'),
      state,
    });
    return { status: 200, body: { authorizeUrl: url, expiresAt } };
  });

  tenantRoute(router, routes.connectSalesforceJwt, async ({ tenant, body }) => {
    const { crm, externalId } = await tenantCrm(tenant);
    if (crm !== 'salesforce') throw new HttpProblem(409, 'This tenant is a HubSpot portal, not a Salesforce org');
    const app = await salesforceApp(deps.context);
    if (!app?.privateKeyPem)
      throw new HttpProblem(409, 'The JWT flow is not configured on this service (SALESFORCE_JWT_KEY_FILE)');
    const loginUrl = body.loginUrl ?? deps.context.config.salesforce.loginUrl;
    let grant;
    try {
      grant = await connectWithJwt({ ...app, privateKeyPem: app.privateKeyPem }, loginUrl, body.username);
    } catch (error) {
      throw new HttpProblem(422, `Salesforce refused the integration user: ${(error as Error).message}`, [
        { field: 'body.username', message: 'refused by Salesforce' },
      ]);
    }
    if (!sameOrg(grant.orgId, externalId))
      throw new HttpProblem(422, `That user belongs to org ${grant.orgId}, not to this tenant's org ${externalId}`, [
        { field: 'body.username', message: 'belongs to another org' },
      ]);
    await saveAuthorisation(tenant.db, deps.context.box, {
      provider: 'salesforce',
      authFlow: 'jwt',
      instanceUrl: grant.instanceUrl,
      tokens: grant.tokens,
    });
    await deps.jobs.enqueue(deps.crm.sync, tenant.tenantId, {});
    return { status: 200, body: await connectionView(tenant.db, crm, deps.clock.now()) };
  });

  tenantRoute(router, routes.startCrmSync, async ({ tenant, res }) => {
    const id = await deps.jobs.enqueue(deps.crm.sync, tenant.tenantId, {});
    res.location(`/v1/jobs/${id}`);
    return { status: 202, body: { job: await deps.jobs.get(tenant.tenantId, id) } };
  });

  tenantRoute(router, routes.describeCrmFields, async ({ tenant, params }) => {
    const crm = await openCrm(tenant.db, deps.context);
    if (!crm) throw new HttpProblem(409, 'No CRM is connected yet');
    const { crm: kind } = await tenantCrm(tenant);
    if (!DEFAULT_MAPPINGS[kind].objects[params.object])
      throw new HttpProblem(409, `This CRM has no ${params.object} records in the sync`);
    return { status: 200, body: { data: await crm.port.describeFields(params.object) } };
  });

  tenantRoute(router, routes.listCrmUsers, async ({ tenant }) => {
    const crm = await openCrm(tenant.db, deps.context);
    if (!crm) throw new HttpProblem(409, 'No CRM is connected yet');
    const [people, roster] = await Promise.all([
      crm.port.listUsers(),
      tenant.db.client.user.findMany({ where: { crmUserId: { not: null } }, select: { crmUserId: true } }),
    ]);
    const mapped = new Set(roster.map((user) => user.crmUserId));
    const data = people
      .map((person) => ({ ...person, onRoster: mapped.has(person.crmUserId) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { status: 200, body: { data } };
  });

  return router;
}
