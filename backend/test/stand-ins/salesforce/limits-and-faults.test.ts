import { Connection, OAuth2 } from 'jsforce';
import { startSalesforceStandIn } from './index.ts';
import type { SalesforceStandIn } from './index.ts';

describe('Salesforce stand-in: API limits and injected faults', () => {
  let sf: SalesforceStandIn;

  beforeAll(async () => {
    sf = await startSalesforceStandIn({ dailyApiLimit: 40 });
  });
  afterAll(async () => {
    await sf.close();
  });

  const connect = () => {
    const session = sf.issueSession();
    return new Connection({
      oauth2: new OAuth2({ loginUrl: sf.loginUrl, clientId: sf.clientId, clientSecret: sf.clientSecret }),
      instanceUrl: session.instanceUrl,
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      version: '62.0',
    });
  };

  it('reports usage in Sforce-Limit-Info, which jsforce reads into limitInfo, and in /limits', async () => {
    sf.setApiUsage(0);
    const conn = connect();
    await conn.query('SELECT Id FROM Lead');
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 1, limit: 40 } });
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 40, Remaining: 38 });
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 2, limit: 40 } });

    // Token calls are not REST API calls.
    sf.expireSessions();
    await conn.query('SELECT Id FROM Lead');
    expect(sf.apiUsage).toBe(3);
    expect(conn.limitInfo.apiUsage?.used).toBe(3);

    const versions = await fetch(`${sf.url}/services/data`).then((r) => r.json() as Promise<{ version: string }[]>);
    expect(versions.at(-1)).toEqual({ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' });
    expect(sf.apiUsage).toBe(3);
  });

  it('refuses calls beyond the daily limit with REQUEST_LIMIT_EXCEEDED', async () => {
    sf.setApiUsage(39);
    const conn = connect();
    await conn.query('SELECT Id FROM Lead');
    await expect(conn.query('SELECT Id FROM Lead')).rejects.toMatchObject({
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
      message: 'TotalRequests Limit exceeded.',
    });
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 40, limit: 40 } });
    expect(sf.calls.at(-1)).toMatchObject({ method: 'GET', status: 403 });
    sf.setApiUsage(0);
  });

  it('answers matching requests with injected faults, which jsforce retries only for idempotent methods', async () => {
    const conn = connect();
    sf.failNext({ method: 'POST', path: '/sobjects/Lead' }, { status: 503 });
    await expect(conn.sobject('Lead').create({ LastName: 'A', Company: 'B' })).rejects.toMatchObject({
      errorCode: 'SERVER_UNAVAILABLE',
    });
    expect(sf.all('Lead')).toHaveLength(0);

    const before = sf.calls.length;
    sf.failNext({ path: /\/query$/ }, { status: 503 });
    await expect(conn.query('SELECT COUNT() FROM Lead')).resolves.toMatchObject({ totalSize: 0 });
    expect(sf.calls.slice(before).map((c) => c.status)).toEqual([503, 200]);

    sf.failNext(
      { method: 'PATCH', path: '/composite/sobjects' },
      {
        status: 500,
        body: [{ message: 'boom', errorCode: 'UNKNOWN_EXCEPTION' }],
        headers: { 'X-Trace': '1' },
        times: 2,
      },
    );
    const attempt = () => conn.sobject('Lead').update([{ Id: '00Q000000000001AAA', Rating: 'Hot' }]);
    await expect(attempt()).rejects.toMatchObject({ errorCode: 'UNKNOWN_EXCEPTION', message: 'boom' });
    await expect(attempt()).rejects.toMatchObject({ errorCode: 'UNKNOWN_EXCEPTION' });
    await expect(attempt()).resolves.toMatchObject([{ success: false }]);

    sf.failNext({ path: '/limits' }, { status: 200, body: { slow: true }, delayMs: 50 });
    const started = Date.now();
    await expect(conn.limits()).resolves.toEqual({ slow: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
