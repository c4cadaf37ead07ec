import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { Connection } from '@salesforce/core';
import { MockTestOrgData, type TestContext } from '@salesforce/core/testSetup';
import { Progress, stubSfCommandUx, stubSpinner } from '@salesforce/sf-plugins-core';
import {
  startSalesforceStandIn,
  type SalesforceStandIn,
  type SalesforceStandInOptions,
} from '../../../backend/test/stand-ins/salesforce/index.ts';
import { newTenant, testApp, type TestApp } from '../../../backend/test/support/app.ts';

/**
 * What the command tests run against: the real backend in-process (on an in-memory database) behind a real HTTP
 * port, and the Salesforce org stand-in, reached by the commands' own jsforce connection over HTTP.
 */

// Taken before TestContext stubs it, so a test can let the commands talk to the org stand-in for real.
const realRequest = Connection.prototype.request;

export const REGISTRATION_TOKEN = 'reg-token-0123456789-abcdefghijklmnopqrstuvwxyz';

export interface RunningBackend {
  t: TestApp;
  url: string;
  close(): Promise<void>;
}

export async function startBackend(options: Parameters<typeof testApp>[0] = {}): Promise<RunningBackend> {
  const t = await testApp({ registrationToken: REGISTRATION_TOKEN, ...options });
  const server: Server = await new Promise((resolve) => {
    const listening = t.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    t,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}

/** The URL of a port nothing listens on (any more). */
export async function deadUrl(): Promise<string> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export function startOrg(options: SalesforceStandInOptions = {}): Promise<SalesforceStandIn> {
  return startSalesforceStandIn({ sdrPackage: true, orgName: 'Acme Logistics', ...options });
}

// TestContext points the alias file at the temp folder but does not create it, and sf reads it to resolve --target-org.
function ensureAliasFile(): void {
  const folder = join(tmpdir(), '.sfdx');
  if (existsSync(join(folder, 'alias.json'))) return;
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'alias.json'), JSON.stringify({ orgs: {} }));
}

/** An sf org authorisation for the stand-in's admin, with the commands' connection going to it over HTTP. */
export async function authoriseOrg($$: TestContext, sf: SalesforceStandIn): Promise<MockTestOrgData> {
  ensureAliasFile();
  const session = sf.issueSession();
  const testOrg = new MockTestOrgData();
  testOrg.username = sf.username;
  testOrg.orgId = sf.orgId;
  testOrg.userId = session.userId;
  testOrg.instanceUrl = sf.url;
  testOrg.loginUrl = sf.url;
  testOrg.accessToken = session.accessToken;
  testOrg.refreshToken = session.refreshToken;
  await $$.stubAuths(testOrg);
  $$.fakeConnectionRequest = function (this: Connection, request, options) {
    return realRequest.call(this, request as never, options as never) as never;
  };
  return testOrg;
}

/** Saved connection contents as "sf sdr connect" leaves them (the test context stubs the file). */
export function saveConnection($$: TestContext, orgId: string, backendUrl: string, apiKey: string): void {
  $$.setConfigStubContents('SavedConnections', {
    contents: { [orgId]: { backendUrl, apiKey, tenantId: null, savedAt: '2026-11-24T09:00:00.000Z' } },
  });
}

/** A tenant registered for the org, its key in hand, as after "sf sdr connect". */
export async function connectedTenant(backend: RunningBackend) {
  return newTenant(backend.t.db.prisma, 'salesforce');
}

/** The command's output, captured instead of printed: log, tables, warnings, spinner and progress bar. */
export function captureUx($$: TestContext) {
  stubSpinner($$.SANDBOX);
  for (const method of ['start', 'update', 'finish', 'stop'] as const) $$.SANDBOX.stub(Progress.prototype, method);
  return stubSfCommandUx($$.SANDBOX);
}
