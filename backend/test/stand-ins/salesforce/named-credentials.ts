import express from 'express';
import type { Request, Response } from 'express';
import { RequestError } from './errors.ts';

/**
 * Named Credentials and External Credentials (the Winter '23 model) as the Connect REST API shows them, for admin
 * tools that set an integration up:
 *
 * - `/named-credentials/credential` (GET, POST, PUT, PATCH, DELETE): the credentials stored for one principal of
 *   an external credential (ConnectApi.CredentialInput in, ConnectApi.Credential out). POST creates them, PUT
 *   replaces them all, PATCH (custom protocols) changes the ones given. Encrypted values are never sent back: the
 *   answer says a parameter is set, not what it is.
 * - `/named-credentials/named-credential-setup/{developerName}` (GET, PUT): one named credential
 *   (ConnectApi.NamedCredentialInput in, ConnectApi.NamedCredential out); PUT replaces the definition.
 *
 * Errors are Salesforce's `[{ errorCode, message }]`. What exists comes from deployed metadata (`deploy…`), as a
 * package deployment would create it; nothing here creates external or named credentials through the API.
 */

export interface StoredValue {
  value: string;
  encrypted: boolean;
}

export interface Principal {
  principalName: string;
  principalType: 'NamedPrincipal' | 'PerUserPrincipal' | 'AwsStsPrincipal';
  sequenceNumber: number;
  /** The credentials stored for the principal; null until some are created. */
  credentials: Map<string, StoredValue> | null;
}

export interface ExternalCredential {
  developerName: string;
  masterLabel: string;
  authenticationProtocol: 'Custom' | 'OAuth' | 'AwsSv4' | 'NoAuthentication';
  principals: Principal[];
}

export interface NamedCredential {
  id: string;
  developerName: string;
  masterLabel: string;
  type: 'SecuredEndpoint' | 'PrivateEndpoint';
  calloutUrl: string;
  externalCredential: string;
  calloutOptions: {
    allowMergeFieldsInBody: boolean;
    allowMergeFieldsInHeader: boolean;
    generateAuthorizationHeader: boolean;
  };
  customHeaders: unknown[];
  parameters: unknown[];
}

export class NamedCredentials {
  readonly external = new Map<string, ExternalCredential>();
  readonly named = new Map<string, NamedCredential>();

  deployExternal(credential: ExternalCredential): void {
    this.external.set(credential.developerName, credential);
  }

  deployNamed(credential: NamedCredential): void {
    this.named.set(credential.developerName, credential);
  }

  /** The value of one stored parameter, in clear, as a callout would use it. */
  storedValue(externalCredential: string, principalName: string, parameter: string): string | undefined {
    const principal = this.external.get(externalCredential)?.principals.find((p) => p.principalName === principalName);
    return principal?.credentials?.get(parameter)?.value;
  }
}

const invalid = (message: string) => new RequestError(400, 'INVALID_INPUT', message);
const notFound = (message: string) => new RequestError(404, 'NOT_FOUND', message);

function text(source: Record<string, unknown>, name: string): string {
  const value = source[name];
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`Missing required field: ${name}`);
  return value;
}

function credentialBody(principal: Principal, ec: ExternalCredential) {
  const credentials = Object.fromEntries(
    [...(principal.credentials ?? new Map<string, StoredValue>()).entries()].map(([name, stored]) => [
      name,
      stored.encrypted ? { encrypted: true, value: null } : { encrypted: false, value: stored.value },
    ]),
  );
  return {
    authenticationProtocol: ec.authenticationProtocol,
    authenticationStatus: principal.credentials && principal.credentials.size > 0 ? 'Configured' : 'NotConfigured',
    credentials,
    externalCredential: ec.developerName,
    principalName: principal.principalName,
    principalType: principal.principalType,
  };
}

function namedBody(req: Request, nc: NamedCredential, setup: NamedCredentials) {
  const base = `/services/data/${String(req.params.version)}/named-credentials`;
  const ec = setup.external.get(nc.externalCredential);
  return {
    calloutOptions: nc.calloutOptions,
    calloutUrl: nc.calloutUrl,
    customHeaders: nc.customHeaders,
    developerName: nc.developerName,
    externalCredentials: ec
      ? [
          {
            developerName: ec.developerName,
            masterLabel: ec.masterLabel,
            url: `${base}/external-credentials/${ec.developerName}`,
          },
        ]
      : [],
    id: nc.id,
    masterLabel: nc.masterLabel,
    parameters: nc.parameters,
    type: nc.type,
    url: `${base}/named-credential-setup/${nc.developerName}`,
  };
}

function parseValues(input: unknown): Map<string, StoredValue> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw invalid('Missing required field: credentials');
  const values = new Map<string, StoredValue>();
  for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
    const entry = raw as { value?: unknown; encrypted?: unknown } | null;
    if (!entry || typeof entry.value !== 'string') throw invalid(`Credential ${name} needs a value`);
    values.set(name, { value: entry.value, encrypted: entry.encrypted === true });
  }
  return values;
}

export function namedCredentialRoutes(setup: NamedCredentials): express.Router {
  const router = express.Router({ mergeParams: true });

  const principalOf = (source: Record<string, unknown>) => {
    const ecName = text(source, 'externalCredential');
    const ec = setup.external.get(ecName);
    if (!ec) throw notFound(`No external credential named ${ecName} exists.`);
    const principalType = text(source, 'principalType');
    const principalName = principalType === 'NamedPrincipal' ? text(source, 'principalName') : null;
    const principal = ec.principals.find(
      (p) => p.principalType === principalType && (principalName === null || p.principalName === principalName),
    );
    if (!principal)
      throw notFound(`External credential ${ecName} has no ${principalType} ${principalName ?? ''}`.trim());
    return { ec, principal };
  };

  const write = (mode: 'create' | 'replace' | 'update') => (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { ec, principal } = principalOf(body);
    const protocol = text(body, 'authenticationProtocol');
    if (protocol !== ec.authenticationProtocol) {
      throw invalid(
        `The authentication protocol of ${ec.developerName} is ${ec.authenticationProtocol}, not ${protocol}`,
      );
    }
    const values = parseValues(body.credentials);
    if (mode === 'create' && principal.credentials && principal.credentials.size > 0) {
      throw invalid(`Credentials already exist for ${principal.principalName}; replace them with PUT`);
    }
    if (mode === 'update') {
      if (protocol !== 'Custom') throw invalid('PATCH is supported only for custom authentication protocols');
      principal.credentials = new Map([...(principal.credentials ?? []), ...values]);
    } else {
      principal.credentials = values;
    }
    res.status(mode === 'create' ? 201 : 200).json(credentialBody(principal, ec));
  };

  router.get('/credential', (req, res) => {
    const { ec, principal } = principalOf(req.query as Record<string, unknown>);
    res.json(credentialBody(principal, ec));
  });
  router.post('/credential', write('create'));
  router.put('/credential', write('replace'));
  router.patch('/credential', write('update'));
  router.delete('/credential', (req, res) => {
    const { principal } = principalOf(req.query as Record<string, unknown>);
    principal.credentials = null;
    res.status(204).end();
  });

  const namedAt = (req: Request) => {
    const name = String(req.params.developerName);
    const nc = setup.named.get(name);
    if (!nc) throw notFound(`No named credential named ${name} exists.`);
    return nc;
  };

  router.get('/named-credential-setup/:developerName', (req, res) => {
    res.json(namedBody(req, namedAt(req), setup));
  });
  router.put('/named-credential-setup/:developerName', (req, res) => {
    const nc = namedAt(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const calloutUrl = text(body, 'calloutUrl');
    let parsed: URL;
    try {
      parsed = new URL(calloutUrl);
    } catch {
      throw invalid(`Invalid URL: ${calloutUrl}`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw invalid(`Invalid URL: ${calloutUrl}`);
    const type = text(body, 'type');
    if (type !== 'SecuredEndpoint' && type !== 'PrivateEndpoint')
      throw invalid(`Invalid named credential type: ${type}`);
    const externals = body.externalCredentials;
    if (!Array.isArray(externals) || externals.length !== 1) {
      throw invalid('A named credential needs exactly one external credential');
    }
    const ecName = text(externals[0] as Record<string, unknown>, 'developerName');
    if (!setup.external.has(ecName)) throw notFound(`No external credential named ${ecName} exists.`);
    const options = body.calloutOptions as NamedCredential['calloutOptions'] | undefined;
    if (!options || typeof options !== 'object') throw invalid('Missing required field: calloutOptions');
    Object.assign(nc, {
      masterLabel: text(body, 'masterLabel'),
      type,
      calloutUrl,
      externalCredential: ecName,
      calloutOptions: {
        allowMergeFieldsInBody: options.allowMergeFieldsInBody === true,
        allowMergeFieldsInHeader: options.allowMergeFieldsInHeader === true,
        generateAuthorizationHeader: options.generateAuthorizationHeader === true,
      },
      customHeaders: Array.isArray(body.customHeaders) ? body.customHeaders : [],
      parameters: Array.isArray(body.parameters) ? body.parameters : [],
    });
    res.json(namedBody(req, nc, setup));
  });
  return router;
}
