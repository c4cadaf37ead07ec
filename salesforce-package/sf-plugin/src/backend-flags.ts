import { Messages, type Org } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { Backend, normalizeUrl } from './backend.ts';
import { SavedConnections } from './saved-connections.ts';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sdr/sf-plugin-sdr', 'sdr.backend');

/** The flags every command but connect shares to reach the service: overrides of the saved connection. */
export const backendFlags = {
  'backend-url': Flags.url({ summary: messages.getMessage('flags.backend-url.summary') }),
  'api-key': Flags.string({
    summary: messages.getMessage('flags.api-key.summary'),
    description: messages.getMessage('flags.api-key.description'),
    env: 'SDR_API_KEY',
  }),
};

export interface BackendOverrides {
  'backend-url'?: URL | undefined;
  'api-key'?: string | undefined;
}

/** The service of an org: the saved connection, with any flag taking precedence over what was saved. */
export async function backendFor(org: Org, overrides: BackendOverrides, timeoutMs?: number): Promise<Backend> {
  const orgId = org.getOrgId();
  const saved = (await SavedConnections.open()).find(orgId);
  const url = overrides['backend-url'] ? normalizeUrl(overrides['backend-url'].href) : saved?.backendUrl;
  if (!url) throw messages.createError('error.NotConnected', [org.getUsername() ?? orgId], [targetOf(org)]);
  // A key saved for another service must not be sent to this one.
  const savedKey = saved && saved.backendUrl === url ? saved.apiKey : undefined;
  const apiKey = overrides['api-key'] ?? savedKey;
  if (!apiKey) throw messages.createError('error.NoApiKey', [url], [targetOf(org), url]);
  return new Backend({ url, apiKey, ...(timeoutMs ? { timeoutMs } : {}) });
}

function targetOf(org: Org): string {
  return org.getUsername() ?? org.getOrgId();
}
