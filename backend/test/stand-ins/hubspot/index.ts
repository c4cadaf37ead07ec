/**
 * A local HubSpot portal that the unmodified `@hubspot/api-client` talks to over HTTP:
 * `new Client({ accessToken, basePath: standIn.url })` (the SDK applies `basePath` to every API, OAuth included).
 *
 * Served: OAuth (`/oauth/authorize`, which approves at once; `/oauth/v1/token` for the authorization-code and
 * refresh-token grants; token metadata and refresh-token deletion), CRM objects v3 for contacts, companies, deals
 * and the engagements notes, tasks, calls, emails and meetings (basic reads and writes, batch
 * read/create/update/archive, search), properties and property groups v3, owners v3, and associations v4 (single
 * and batch). Every response carries HubSpot's rate-limit headers; the ten-second, daily (private apps only, as
 * documented) and per-second search limits answer with HubSpot's 429 bodies. Data lives in memory and is validated
 * as HubSpot validates it: unknown properties, read-only properties and values outside an enumeration's options are
 * 400 VALIDATION_ERROR; a second contact with the same email is 409 CONFLICT.
 *
 * Tests seed and inspect through the returned handle, plan failures with `failNext` (whole responses) and
 * `failRecord` (one record inside a batch), and read the request log in `calls`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { associationKind, defaultAssociationKind } from './associations.ts';
import { Clock, type Now } from './clock.ts';
import { Crm } from './crm.ts';
import type { BatchItemError } from './error-bodies.ts';
import { FaultPlan, type Fault, type FaultMatch } from './faults.ts';
import { createHttpApp } from './http-app.ts';
import { DEFAULT_SCOPES, OAuthServer, type OAuthApp } from './oauth.ts';
import type { ObjectType } from './object-types.ts';
import type { NewOwner, Owner } from './owners.ts';
import type { PropertyDefinition, PropertyGroupDefinition } from './property-definitions.ts';
import { RateLimiter } from './rate-limits.ts';
import type { CrmObject } from './record-store.ts';
import { RequestLog, type CallCounts, type CallFilter, type CallRecord } from './request-log.ts';

export type { BatchItemError } from './error-bodies.ts';
export type { Fault, FaultMatch } from './faults.ts';
export type { OAuthApp } from './oauth.ts';
export type { ObjectType } from './object-types.ts';
export type { NewOwner, Owner } from './owners.ts';
export { CALL_DISPOSITIONS } from './property-definitions.ts';
export type { PropertyDefinition, PropertyGroupDefinition } from './property-definitions.ts';
export type { CrmObject } from './record-store.ts';
export type { CallCounts, CallFilter, CallRecord } from './request-log.ts';

export interface HubSpotStandInOptions {
  portalId?: number;
  hubDomain?: string;
  app?: Partial<OAuthApp>;
  // The user who installs the app; also listed as an owner.
  user?: { email?: string; firstName?: string; lastName?: string; userId?: number };
  now?: Now;
  // Access token lifetime; HubSpot's is 30 minutes.
  tokenLifetimeMs?: number;
  // Public (OAuth) app burst limit per rolling 10 s: 100 by default.
  tenSecondLimit?: number;
  // Private apps' burst limit per rolling 10 s: 100 by default (the Free/Starter figure).
  privateAppTenSecondLimit?: number;
  // Private apps' daily limit (OAuth apps have none): 250,000 by default (the Free/Starter figure).
  dailyLimit?: number;
  // CRM search requests per rolling second: 5 by default.
  searchPerSecondLimit?: number;
}

export interface SeedOptions {
  createdAt?: Date;
  updatedAt?: Date;
}

export interface HubSpotStandIn {
  readonly url: string;
  readonly portalId: number;
  readonly app: Readonly<OAuthApp>;
  readonly installingOwner: Owner;

  create(
    objectType: ObjectType,
    properties: Record<string, string | number | boolean | null>,
    options?: SeedOptions,
  ): CrmObject;
  update(objectType: ObjectType, id: string, properties: Record<string, string | number | boolean | null>): CrmObject;
  get(objectType: ObjectType, id: string): CrmObject | undefined;
  all(objectType: ObjectType, options?: { archived?: boolean }): CrmObject[];
  archive(objectType: ObjectType, id: string): void;
  associate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string, typeId?: number): void;
  associatedIds(fromType: ObjectType, fromId: string, toType: ObjectType): string[];

  addOwner(owner: NewOwner): Owner;
  owners(): Owner[];
  property(objectType: ObjectType, name: string): PropertyDefinition | undefined;
  properties(objectType: ObjectType): PropertyDefinition[];
  defineProperty(objectType: ObjectType, definition: Record<string, unknown>): PropertyDefinition;
  propertyGroups(objectType: ObjectType): PropertyGroupDefinition[];

  authorize(scopes?: readonly string[]): string;
  addAccessToken(token: string, options?: { scopes?: readonly string[] }): void;
  expireTokens(): void;
  revokeRefreshTokens(): void;

  failNext(match: FaultMatch, fault: Fault): void;
  failRecord(objectType: ObjectType, id: string, times?: number, error?: Partial<BatchItemError>): void;

  readonly calls: readonly CallRecord[];
  count(filter?: CallFilter): number;
  counts(): CallCounts;
  clearCalls(): void;

  close(): Promise<void>;
}

export async function startHubSpotStandIn(options: HubSpotStandInOptions = {}): Promise<HubSpotStandIn> {
  const portalId = options.portalId ?? 62_515_001;
  const clock = new Clock(options.now ?? (() => new Date()));
  const crm = new Crm(clock);
  const installingOwner = crm.owners.add(
    {
      email: options.user?.email ?? 'admin@stand-in.example',
      firstName: options.user?.firstName ?? 'Portal',
      lastName: options.user?.lastName ?? 'Admin',
      ...(options.user?.userId === undefined ? {} : { userId: options.user.userId }),
    },
    clock.now(),
  );
  const app: OAuthApp = {
    appId: options.app?.appId ?? 1_234_567,
    clientId: options.app?.clientId ?? randomUUID(),
    clientSecret: options.app?.clientSecret ?? randomUUID(),
    redirectUri: options.app?.redirectUri ?? 'http://localhost:3000/oauth/hubspot/callback',
    scopes: options.app?.scopes ?? DEFAULT_SCOPES,
  };
  const oauth = new OAuthServer({
    app,
    portalId,
    hubDomain: options.hubDomain ?? `stand-in-${portalId}.hubspot.example`,
    user: { userId: installingOwner.userId, email: installingOwner.email },
    clock,
    tokenLifetimeMs: options.tokenLifetimeMs ?? 30 * 60_000,
  });
  const limiter = new RateLimiter(
    {
      tenSecondLimit: options.tenSecondLimit ?? 100,
      privateAppTenSecondLimit: options.privateAppTenSecondLimit ?? 100,
      dailyLimit: options.dailyLimit ?? 250_000,
      searchPerSecondLimit: options.searchPerSecondLimit ?? 5,
    },
    clock,
  );
  const faults = new FaultPlan();
  const log = new RequestLog();

  const server = createServer(createHttpApp({ crm, oauth, limiter, faults, log }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const seedValues = (values: Record<string, string | number | boolean | null>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? '' : String(v)]));

  return {
    url: `http://127.0.0.1:${port}`,
    portalId,
    app,
    installingOwner,

    create: (objectType, properties, seed = {}) =>
      crm.createRecord(objectType, seedValues(properties), undefined, seed),
    update: (objectType, id, properties) => {
      crm.require(objectType, id);
      return crm.commitUpdate(objectType, id, crm.prepareUpdate(objectType, id, seedValues(properties)));
    },
    get: (objectType, id) => crm.records.find(objectType, id),
    all: (objectType, { archived = false } = {}) => crm.records.list(objectType, archived),
    archive: (objectType, id) => crm.records.archive(objectType, id, clock.stamp()),
    associate: (fromType, fromId, toType, toId, typeId) => {
      const kind =
        typeId === undefined ? defaultAssociationKind(fromType, toType) : associationKind(fromType, toType, typeId);
      if (!kind) throw new Error(`No association type ${typeId ?? '(default)'} from ${fromType} to ${toType}`);
      crm.associate(kind, fromId, toId);
    },
    associatedIds: (fromType, fromId, toType) =>
      crm.associations.associated(fromType, fromId, toType).map((a) => a.toId),

    addOwner: (owner) => crm.owners.add(owner, clock.now()),
    owners: () => crm.owners.list(),
    property: (objectType, name) => crm.catalog.get(objectType, name),
    properties: (objectType) => crm.catalog.list(objectType),
    defineProperty: (objectType, definition) => crm.catalog.create(objectType, definition),
    propertyGroups: (objectType) => crm.catalog.groups(objectType),

    authorize: (scopes) => oauth.authorize(scopes),
    addAccessToken: (token, { scopes = DEFAULT_SCOPES } = {}) => oauth.addPrivateAppToken(token, scopes),
    expireTokens: () => oauth.expireAccessTokens(),
    revokeRefreshTokens: () => oauth.revokeRefreshTokens(),

    failNext: (match, fault) => faults.failNext(match, fault),
    failRecord: (objectType, id, times = 1, error) => faults.failRecord(objectType, id, times, error),

    calls: log.calls,
    count: (filter) => log.count(filter),
    counts: () => log.counts(),
    clearCalls: () => log.clear(),

    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// A token in the shape of a private app's access token, for `addAccessToken`.
export function privateAppToken(): string {
  return `pat-na1-${randomUUID()}-${randomBytes(4).toString('hex')}`;
}
