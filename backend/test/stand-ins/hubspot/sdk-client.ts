import { Client } from '@hubspot/api-client';
import type { HubSpotStandIn } from './index.ts';

type ClientConfig = NonNullable<ConstructorParameters<typeof Client>[0]>;

export type SdkOptions = Pick<ClientConfig, 'accessToken' | 'numberOfApiCallRetries' | 'limiterOptions' | 'middleware'>;

// An unmodified SDK client aimed at the stand-in. The SDK keeps its retry and limiter settings in a process-wide
// singleton that each `new Client` overwrites and that is applied when an API group is first touched, so every
// group a test uses is touched here, while this client's settings are the current ones.
export function sdkClient(standIn: HubSpotStandIn, options: SdkOptions = {}): Client {
  const client = new Client({ basePath: standIn.url, ...options });
  const { crm } = client;
  for (const group of [
    crm.contacts,
    crm.companies,
    crm.deals,
    crm.objects.notes,
    crm.objects.tasks,
    crm.objects.calls,
    crm.objects.emails,
    crm.objects.meetings,
    crm.properties,
    crm.owners,
    crm.associations.v4,
    client.oauth,
  ])
    void group;
  return client;
}
