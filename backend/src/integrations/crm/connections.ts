import type { CrmConnection as CrmConnectionView } from '@sdr/shared';
import type { TenantDb } from '../../db/tenant-db.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import type { CrmKind } from './field-mapping.ts';

/**
 * The tenant's CRM connection as stored: tokens sealed with the service's key, opened only to build a client.
 * Status changes are what the admin reads on the setup page, so each carries a message in plain words.
 */

export type ConnectionStatus = 'connected' | 'reauthorization_required' | 'paused' | 'error';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch ms when the access token stops working; null when the CRM does not say (Salesforce sessions). */
  expiresAt: number | null;
  /** JWT bearer flow: the integration user the service signs in as again when the session ends. */
  username?: string;
  loginUrl?: string;
}

export interface Connection {
  provider: CrmKind;
  authFlow: 'oauth' | 'jwt';
  status: ConnectionStatus;
  statusMessage: string | null;
  instanceUrl: string | null;
  tokens: StoredTokens;
  cursors: Record<string, string>;
  replayIds: Record<string, number>;
  backfilledAt: Date | null;
  lastSyncAt: Date | null;
}

export async function loadConnection(tenant: TenantDb, box: SecretBox): Promise<Connection | null> {
  const row = await tenant.client.crmConnection.findFirst();
  if (!row) return null;
  return {
    provider: row.provider,
    authFlow: row.authFlow as Connection['authFlow'],
    status: row.status as ConnectionStatus,
    statusMessage: row.statusMessage,
    instanceUrl: row.instanceUrl,
    tokens: box.openJson<StoredTokens>(row.credentials),
    cursors: row.cursors as Record<string, string>,
    replayIds: row.replayIds as Record<string, number>,
    backfilledAt: row.backfilledAt,
    lastSyncAt: row.lastSyncAt,
  };
}

/** Stores a new or renewed authorisation; cursors survive a reconnection, so the sync resumes rather than restarts. */
export async function saveAuthorisation(
  tenant: TenantDb,
  box: SecretBox,
  input: { provider: CrmKind; authFlow: 'oauth' | 'jwt'; instanceUrl: string | null; tokens: StoredTokens },
): Promise<void> {
  const credentials = box.sealJson(input.tokens);
  const fields = {
    provider: input.provider,
    authFlow: input.authFlow,
    instanceUrl: input.instanceUrl,
    credentials,
    status: 'connected',
    statusMessage: null,
  };
  await tenant.write((tx) =>
    tx.crmConnection.upsert({
      where: { tenantId: tenant.tenantId },
      create: { tenantId: tenant.tenantId, ...fields },
      update: fields,
    }),
  );
}

export async function saveTokens(tenant: TenantDb, box: SecretBox, tokens: StoredTokens): Promise<void> {
  await tenant.write((tx) =>
    tx.crmConnection.update({ where: { tenantId: tenant.tenantId }, data: { credentials: box.sealJson(tokens) } }),
  );
}

export async function setStatus(tenant: TenantDb, status: ConnectionStatus, message: string | null): Promise<void> {
  await tenant.write((tx) => tx.crmConnection.updateMany({ data: { status, statusMessage: message } }));
}

const AGO = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

function since(at: Date, now: Date): string {
  const minutes = Math.round((at.getTime() - now.getTime()) / 60_000);
  if (Math.abs(minutes) < 60) return AGO.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  return Math.abs(hours) < 48 ? AGO.format(hours, 'hour') : AGO.format(Math.round(hours / 24), 'day');
}

/** What the setup page shows. */
export async function connectionView(tenant: TenantDb, crm: CrmKind, now: Date): Promise<CrmConnectionView> {
  const [row, pending, failed] = await Promise.all([
    tenant.client.crmConnection.findFirst(),
    tenant.client.crmWriteBack.count({ where: { attempts: { lt: WRITE_BACK_GIVE_UP } } }),
    tenant.client.crmWriteBack.count({ where: { attempts: { gte: WRITE_BACK_GIVE_UP } } }),
  ]);
  const name = crm === 'salesforce' ? 'Salesforce' : 'HubSpot';
  if (!row)
    return {
      crm,
      status: 'not_connected',
      message: `Not connected to ${name} yet: connect from the setup page.`,
      authFlow: null,
      instanceUrl: null,
      connectedAt: null,
      lastSyncAt: null,
      backfilledAt: null,
      apiUsage: null,
      pendingWriteBacks: pending,
      failedWriteBacks: failed,
    };
  const status = row.status as ConnectionStatus;
  const message =
    row.statusMessage ??
    (status === 'connected'
      ? row.lastSyncAt
        ? `Connected; last sync ${since(row.lastSyncAt, now)}.`
        : 'Connected; the first sync has not finished yet.'
      : `${name} connection needs attention.`);
  return {
    crm,
    status,
    message,
    authFlow: row.authFlow as 'oauth' | 'jwt',
    instanceUrl: row.instanceUrl,
    connectedAt: row.connectedAt.toISOString(),
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    backfilledAt: row.backfilledAt?.toISOString() ?? null,
    apiUsage: (row.apiUsage as { used: number; max: number } | null) ?? null,
    pendingWriteBacks: pending,
    failedWriteBacks: failed,
  };
}

/** After this many failed attempts a write-back stops being retried and counts as failed for the admin. */
export const WRITE_BACK_GIVE_UP = 8;
