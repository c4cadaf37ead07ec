import { systemClock } from '../src/clock.ts';
import { saveAuthorisation } from '../src/integrations/crm/connections.ts';
import { TenantDb } from '../src/db/tenant-db.ts';
import { createTenant } from '../src/tenancy/tenants.ts';
import { noCrmApps, testCrm } from '../test/support/app.ts';
import { jobContext } from '../test/support/waiting.ts';
import { startHubSpotStandIn } from '../test/stand-ins/hubspot/index.ts';
import { startSalesforceStandIn } from '../test/stand-ins/salesforce/index.ts';
import { mib, withPeakMemory } from './figures.ts';
import { benchService } from './service.ts';

const LEADS = Number(process.env.BENCH_CRM_LEADS ?? 100_000);
/** `salesforce`, `hubspot`, or both when unset. */
const ONLY = process.env.BENCH_CRM;
const INDUSTRIES = ['Logistics', 'Construction', 'Retail', 'Utilities'];

const rate = (count: number, seconds: number) => `${Math.round(count / seconds).toLocaleString('en-US')}/s`;
const n = (count: number) => count.toLocaleString('en-US');

/**
 * A full sync of LEADS leads from each CRM's stand-in into the database, then the scores of all of them written
 * back. The stand-ins answer from memory on this machine, so the figures are the suite's own cost plus the API calls
 * a real org would be charged; HubSpot's own limits (search 5 per second, 100 calls per 10 seconds) pace its part.
 */
export async function crmBench(): Promise<void> {
  const service = await benchService();
  console.log(`crm: ${n(LEADS)} leads from each CRM stand-in into ${service.where}`);
  try {
    if (ONLY !== 'hubspot') await salesforce(service);
    if (ONLY !== 'salesforce') await hubspot(service);
  } finally {
    await service.close();
  }
}

async function salesforce({ db, jobs, scoring }: Awaited<ReturnType<typeof benchService>>): Promise<void> {
  const sf = await startSalesforceStandIn({ dailyApiLimit: 5_000_000 });
  for (let start = 0; start < LEADS; start += 10_000)
    sf.insert(
      'Lead',
      Array.from({ length: Math.min(10_000, LEADS - start) }, (_, k) => {
        const i = start + k;
        return {
          LastName: `Lead ${i}`,
          Company: `Prospect ${i % 20_000}`,
          Email: `lead${i}@prospect${i % 20_000}.example`,
          Industry: INDUSTRIES[i % INDUSTRIES.length],
          NumberOfEmployees: 10 + (i % 5000),
          LeadSource: i % 2 ? 'Webinar' : 'Referral',
          Title: i % 5 ? 'Fleet Manager' : 'VP Operations',
        };
      }),
    );
  const crmSf = testCrm(
    { prisma: db.prisma, jobs, scoring, clock: systemClock },
    {
      ...noCrmApps,
      salesforce: {
        ...noCrmApps.salesforce,
        clientId: sf.clientId,
        clientSecret: sf.clientSecret,
        loginUrl: sf.loginUrl,
      },
    },
  );
  const sfTenant = await createTenant(db.prisma, { crm: 'salesforce', externalId: sf.orgId, name: 'Bench SF' });
  const session = sf.issueSession();
  await saveAuthorisation(new TenantDb(db.prisma, sfTenant.tenantId, 'bench'), crmSf.context.box, {
    provider: 'salesforce',
    authFlow: 'oauth',
    instanceUrl: session.instanceUrl,
    tokens: { accessToken: session.accessToken, refreshToken: session.refreshToken, expiresAt: null },
  });
  let calls = sf.apiUsage;
  const sfSync = await withPeakMemory(() => crmSf.jobs.sync.handler({}, jobContext(sfTenant.tenantId)));
  console.log(
    `  Salesforce full sync: ${n(LEADS)} leads in ${sfSync.seconds.toFixed(1)} s (${rate(LEADS, sfSync.seconds)}), ${n(sf.apiUsage - calls)} API calls, peak rss ${mib(sfSync.peak)}`,
  );
  await scoring.rescoreAll.handler({}, jobContext(sfTenant.tenantId));
  calls = sf.apiUsage;
  const sfBack = await withPeakMemory(() => crmSf.jobs.writeBack.handler({}, jobContext(sfTenant.tenantId)));
  console.log(
    `  Salesforce score write-back (Bulk API 2.0): ${n((sfBack.value as { sent: number }).sent)} leads in ${sfBack.seconds.toFixed(1)} s (${rate(LEADS, sfBack.seconds)}), ${n(sf.apiUsage - calls)} API calls`,
  );
  await sf.close();
}

async function hubspot({ db, jobs, scoring }: Awaited<ReturnType<typeof benchService>>): Promise<void> {
  const hs = await startHubSpotStandIn({ dailyLimit: 5_000_000, privateAppTenSecondLimit: 190 });
  for (let i = 0; i < LEADS; i += 1)
    hs.create('contacts', {
      firstname: `First${i}`,
      lastname: `Last${i}`,
      email: `person${i}@company${i % 20_000}.example`,
      jobtitle: i % 5 ? 'Fleet Manager' : 'VP Operations',
    });
  const crmHs = testCrm(
    { prisma: db.prisma, jobs, scoring, clock: systemClock },
    { ...noCrmApps, hubspot: { ...noCrmApps.hubspot, clientId: 'bench', clientSecret: 'bench', apiUrl: hs.url } },
  );
  const hsTenant = await createTenant(db.prisma, {
    crm: 'hubspot',
    externalId: String(hs.portalId),
    name: 'Bench HS',
  });
  const token = 'pat-na1-bench';
  hs.addAccessToken(token);
  await saveAuthorisation(new TenantDb(db.prisma, hsTenant.tenantId, 'bench'), crmHs.context.box, {
    provider: 'hubspot',
    authFlow: 'oauth',
    instanceUrl: hs.url,
    tokens: { accessToken: token, refreshToken: null, expiresAt: null },
  });
  for (const name of ['sdr_ev', 'sdr_ev_amount', 'sdr_risk', 'sdr_urgency', 'sdr_scored_at', 'sdr_reasons'])
    hs.defineProperty('contacts', {
      name,
      label: name,
      type: name === 'sdr_reasons' || name === 'sdr_scored_at' ? 'string' : 'number',
      fieldType: name === 'sdr_reasons' || name === 'sdr_scored_at' ? 'textarea' : 'number',
      groupName: 'contactinformation',
    });
  hs.clearCalls();
  const hsSync = await withPeakMemory(() => crmHs.jobs.sync.handler({}, jobContext(hsTenant.tenantId)));
  console.log(
    `  HubSpot full sync: ${n(LEADS)} contacts in ${hsSync.seconds.toFixed(1)} s (${rate(LEADS, hsSync.seconds)}), ${n(hs.counts().total)} API calls (${n(hs.counts().searches)} searches), ${n(hs.counts().rateLimited)} rate-limited, peak rss ${mib(hsSync.peak)}`,
  );
  await scoring.rescoreAll.handler({}, jobContext(hsTenant.tenantId));
  hs.clearCalls();
  const hsBack = await withPeakMemory(() => crmHs.jobs.writeBack.handler({}, jobContext(hsTenant.tenantId)));
  console.log(
    `  HubSpot score write-back (batches of 100): ${n((hsBack.value as { sent: number }).sent)} contacts in ${hsBack.seconds.toFixed(1)} s (${rate(LEADS, hsBack.seconds)}), ${n(hs.counts().total)} API calls, ${n(hs.counts().rateLimited)} rate-limited`,
  );
  await hs.close();
}
