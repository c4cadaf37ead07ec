import { readFile } from 'node:fs/promises';
import type { Config } from '../../config.ts';
import type { TenantDb } from '../../db/tenant-db.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { loadConnection, saveTokens, type Connection } from './connections.ts';
import { HubSpotCrm } from './hubspot/adapter.ts';
import { HubSpotSession } from './hubspot/client.ts';
import type { CrmPort } from './port.ts';
import { SalesforceCrm } from './salesforce/adapter.ts';
import { SalesforceSession } from './salesforce/session.ts';

/** What the CRM integrations need from the service: its key for sealed tokens and the apps' registrations. */
export interface CrmContext {
  box: SecretBox;
  config: Pick<Config, 'salesforce' | 'hubspot' | 'publicUrl'>;
  /** Waits between retries; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
  /** Above this many records of one kind, Salesforce writes go through Bulk API 2.0. */
  bulkThreshold?: number;
}

export const callbackUrl = (context: CrmContext, crm: 'salesforce' | 'hubspot') =>
  `${context.config.publicUrl ?? 'http://localhost:3000'}/oauth/${crm}/callback`;

export async function salesforceApp(context: CrmContext) {
  const { salesforce } = context.config;
  if (!salesforce.clientId) return null;
  return {
    clientId: salesforce.clientId,
    ...(salesforce.clientSecret ? { clientSecret: salesforce.clientSecret } : {}),
    redirectUri: callbackUrl(context, 'salesforce'),
    ...(salesforce.jwtKeyFile ? { privateKeyPem: await readFile(salesforce.jwtKeyFile, 'utf8') } : {}),
    apiVersion: salesforce.apiVersion,
  };
}

export class CrmNotConfiguredError extends Error {}

/** The tenant's CRM, ready to call, or null when it has not connected one. */
export async function openCrm(
  tenant: TenantDb,
  context: CrmContext,
): Promise<{ port: CrmPort; connection: Connection } | null> {
  const connection = await loadConnection(tenant, context.box);
  if (!connection) return null;
  const tokens = connection.tokens;
  if (connection.provider === 'hubspot') {
    const session = new HubSpotSession({
      apiUrl: context.config.hubspot.apiUrl,
      tokens: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt ?? 0 },
      ...(context.config.hubspot.clientId ? { clientId: context.config.hubspot.clientId } : {}),
      ...(context.config.hubspot.clientSecret ? { clientSecret: context.config.hubspot.clientSecret } : {}),
      onTokens: (fresh) => saveTokens(tenant, context.box, { ...tokens, ...fresh }),
      ...(context.sleep ? { sleep: context.sleep } : {}),
    });
    return { port: new HubSpotCrm(session), connection };
  }
  const app = await salesforceApp(context);
  if (!app) throw new CrmNotConfiguredError('SALESFORCE_CLIENT_ID is not set: the Salesforce app is not configured');
  const session = new SalesforceSession(
    {
      flow: connection.authFlow,
      instanceUrl: connection.instanceUrl ?? '',
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      loginUrl: tokens.loginUrl ?? context.config.salesforce.loginUrl,
      ...(tokens.username ? { username: tokens.username } : {}),
    },
    app,
    {
      onTokens: (accessToken) => saveTokens(tenant, context.box, { ...tokens, accessToken }),
      ...(context.sleep ? { sleep: context.sleep } : {}),
    },
  );
  return {
    port: new SalesforceCrm(session, context.bulkThreshold ? { bulkThreshold: context.bulkThreshold } : {}),
    connection,
  };
}
