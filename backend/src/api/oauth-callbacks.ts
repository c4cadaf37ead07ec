import express, { Router, type Response } from 'express';
import type { PrismaClient } from '../db/generated/client.ts';
import type { Clock } from '../clock.ts';
import { TenantDb } from '../db/tenant-db.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Logger } from '../logger.ts';
import { saveAuthorisation } from '../integrations/crm/connections.ts';
import { callbackUrl, salesforceApp, type CrmContext } from '../integrations/crm/crm-access.ts';
import { HubSpotSession } from '../integrations/crm/hubspot/client.ts';
import { ensureScoreProperties, exchangeHubSpotCode } from '../integrations/crm/hubspot/install.ts';
import type { CrmJobs } from '../integrations/crm/jobs.ts';
import { readState } from '../integrations/crm/oauth-state.ts';
import { exchangeSalesforceCode, sameOrg } from '../integrations/crm/salesforce/connect.ts';
import { createTenant } from '../tenancy/tenants.ts';

/**
 * Where the CRMs send the admin's browser back after consent. These are pages for a person, not API answers: each
 * ends in a short page saying what happened and what to do next.
 */

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: Response, status: number, title: string, message: string): void {
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;line-height:1.5">` +
        `<h1>${escape(title)}</h1><p>${escape(message)}</p></body></html>`,
    );
}

export interface CallbackDeps {
  prisma: PrismaClient;
  jobs: JobQueue;
  crm: CrmJobs;
  context: CrmContext;
  clock: Clock;
  logger: Logger;
}

const one = (value: unknown) => (typeof value === 'string' ? value : undefined);

export function oauthCallbacks(deps: CallbackDeps): Router {
  const router = Router();
  router.use('/oauth', express.urlencoded({ extended: false }));

  router.get('/oauth/salesforce/callback', async (req, res) => {
    const denied = one(req.query.error);
    if (denied) return page(res, 400, 'Salesforce was not connected', one(req.query.error_description) ?? denied);
    const code = one(req.query.code);
    const state = readState(deps.context.box, one(req.query.state) ?? '', deps.clock.now().getTime());
    if (!code || !state || state.crm !== 'salesforce')
      return page(res, 400, 'This link has expired', 'Start connecting again from the setup page.');
    const app = await salesforceApp(deps.context);
    const tenantRow = await deps.prisma.tenant.findUnique({ where: { id: state.tenantId } });
    if (!app || !tenantRow) return page(res, 409, 'Salesforce is not configured', 'Ask the service operator.');
    let grant;
    try {
      grant = await exchangeSalesforceCode(app, deps.context.config.salesforce.loginUrl, code);
    } catch (error) {
      deps.logger.warn({ err: error }, 'salesforce code exchange failed');
      return page(res, 502, 'Salesforce did not accept the connection', (error as Error).message);
    }
    if (!sameOrg(grant.orgId, tenantRow.externalId))
      return page(
        res,
        409,
        'Wrong Salesforce org',
        `You signed in to org ${grant.orgId}, but this workspace belongs to org ${tenantRow.externalId}. Sign in to that org and try again.`,
      );
    const tenant = new TenantDb(deps.prisma, tenantRow.id, 'admin:oauth');
    await saveAuthorisation(tenant, deps.context.box, {
      provider: 'salesforce',
      authFlow: 'oauth',
      instanceUrl: grant.instanceUrl,
      tokens: grant.tokens,
    });
    await deps.jobs.enqueue(deps.crm.sync, tenantRow.id, {});
    return page(res, 200, 'Salesforce connected', 'The first sync has started. You can close this window.');
  });

  /**
   * HubSpot sends installs here both from the setup page (with our state) and from its marketplace (without):
   * a portal seen for the first time becomes a tenant.
   */
  router.get('/oauth/hubspot/callback', async (req, res) => {
    const { clientId, clientSecret, apiUrl } = deps.context.config.hubspot;
    if (!clientId || !clientSecret) return page(res, 409, 'HubSpot is not configured', 'Ask the service operator.');
    const code = one(req.query.code);
    if (!code) return page(res, 400, 'HubSpot was not connected', one(req.query.error) ?? 'No code was given.');
    const stateToken = one(req.query.state);
    const state = stateToken ? readState(deps.context.box, stateToken, deps.clock.now().getTime()) : null;
    if (stateToken && (!state || state.crm !== 'hubspot'))
      return page(res, 400, 'This link has expired', 'Start connecting again from the setup page.');
    let installed;
    try {
      installed = await exchangeHubSpotCode({
        apiUrl,
        clientId,
        clientSecret,
        redirectUri: callbackUrl(deps.context, 'hubspot'),
        code,
      });
    } catch (error) {
      deps.logger.warn({ err: error }, 'hubspot code exchange failed');
      return page(res, 502, 'HubSpot did not accept the connection', 'Try installing the app again.');
    }
    let tenantId: string;
    if (state) {
      const row = await deps.prisma.tenant.findUnique({ where: { id: state.tenantId } });
      if (!row || row.externalId !== installed.portalId)
        return page(
          res,
          409,
          'Wrong HubSpot account',
          `You installed the app in portal ${installed.portalId}, not in this workspace's portal.`,
        );
      tenantId = row.id;
    } else {
      const known = await deps.prisma.tenant.findUnique({
        where: { crm_externalId: { crm: 'hubspot', externalId: installed.portalId } },
      });
      tenantId =
        known?.id ??
        (
          await createTenant(deps.prisma, {
            crm: 'hubspot',
            externalId: installed.portalId,
            name: `HubSpot ${installed.portalId}`,
          })
        ).tenantId;
    }
    const tenant = new TenantDb(deps.prisma, tenantId, 'admin:oauth');
    await saveAuthorisation(tenant, deps.context.box, {
      provider: 'hubspot',
      authFlow: 'oauth',
      instanceUrl: apiUrl,
      tokens: installed.tokens,
    });
    try {
      await ensureScoreProperties(new HubSpotSession({ apiUrl, tokens: installed.tokens, clientId, clientSecret }));
    } catch (error) {
      deps.logger.warn({ err: error }, 'could not create the HubSpot score properties');
    }
    await deps.jobs.enqueue(deps.crm.sync, tenantId, {});
    return page(res, 200, 'HubSpot connected', 'The first sync has started. You can close this window.');
  });

  return router;
}
