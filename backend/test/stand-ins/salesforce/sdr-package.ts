import type { Org } from './org.ts';

/**
 * What deploying the SDR package (salesforce-package/force-app) leaves in an org, for the setup tools to find:
 * the External Credential SDR_Backend (custom protocol, named principal SDR_Backend_Key, no key stored yet), the
 * Named Credential SDR_Backend and the CSP Trusted Site SDR_Backend_Stream at their placeholder URL, the SDR_User
 * and SDR_Admin permission sets, and the SdrBackend Apex class (for the round trip executeAnonymous knows).
 */

export const PLACEHOLDER_URL = 'https://sdr-backend.example.com';

export function deploySdrPackage(org: Org, actorId: string): void {
  org.namedCredentials.deployExternal({
    developerName: 'SDR_Backend',
    masterLabel: 'SDR Backend',
    authenticationProtocol: 'Custom',
    principals: [
      { principalName: 'SDR_Backend_Key', principalType: 'NamedPrincipal', sequenceNumber: 1, credentials: null },
    ],
  });
  org.namedCredentials.deployNamed({
    id: '0XA5g000000SDRBGA0',
    developerName: 'SDR_Backend',
    masterLabel: 'SDR Backend',
    type: 'SecuredEndpoint',
    calloutUrl: PLACEHOLDER_URL,
    externalCredential: 'SDR_Backend',
    calloutOptions: {
      allowMergeFieldsInBody: false,
      allowMergeFieldsInHeader: true,
      generateAuthorizationHeader: false,
    },
    customHeaders: [],
    parameters: [],
  });
  org.apexClasses.add('SdrBackend');
  const trusted = { actorId, channel: 'trusted' } as const;
  const create = (type: string, values: Record<string, unknown>) => {
    const planned = org.store.planCreate(org.schema.object(type)!, values as never, trusted);
    if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join('; '));
    return org.store.commit([planned.plan], actorId)[0]!.id;
  };
  create('CspTrustedSite', {
    DeveloperName: 'SDR_Backend_Stream',
    MasterLabel: 'SDR_Backend_Stream',
    EndpointUrl: PLACEHOLDER_URL,
    IsActive: true,
    Context: 'All',
    IsApplicableToConnectSrc: true,
  });
  create('PermissionSet', { Name: 'SDR_User', Label: 'SDR User' });
  create('PermissionSet', { Name: 'SDR_Admin', Label: 'SDR Admin' });
}
