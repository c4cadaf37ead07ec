import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { notFound, RequestError } from './errors.ts';
import { publicKeyFromPem } from './jwt-bearer.ts';
import { identityRoute, oauthRoutes } from './oauth.ts';
import type { Org } from './org.ts';
import { RecordStore } from './records.ts';
import type { PublishedEvent, RecordChange, SObjectRecord, StoredRecord } from './records.ts';
import { bearerToken, restApiRoutes } from './rest-api.ts';
import { randomId, toId18 } from './salesforce-ids.ts';
import { Schema } from './schema.ts';
import type { FieldSpec } from './schema.ts';
import { Sessions } from './sessions.ts';
import { SoqlEngine } from './soql-engine.ts';
import { SCORE_FIELDS, SCORED_OBJECTS, standardObjects } from './standard-objects.ts';
import { Traffic } from './traffic.ts';
import { NamedCredentials } from './named-credentials.ts';
import { deploySdrPackage } from './sdr-package.ts';
import { SETUP_OBJECTS } from './setup-objects.ts';
import { userInfoRoute } from './userinfo.ts';
import type { CallRecord, Fault, FaultMatch } from './traffic.ts';

/**
 * A local Salesforce org that the real jsforce talks to over HTTP: the login server (OAuth 2.0 web-server,
 * refresh-token and JWT bearer flows) and the instance (REST API: query/queryAll with paging, sObject CRUD,
 * describe, sObject Collections, Bulk API 2.0 ingest, limits), on one server at `url`.
 *
 * Data lives in memory: Lead, Contact, Account, Opportunity, Task and User records, and the SDR_Call_Event__e
 * platform event (publish-only: creating one publishes it to `publishedEvents`). The score fields the product
 * writes (SDR_EV__c, SDR_EV_Score__c, SDR_Risk__c, SDR_Urgency__c, SDR_Reasons__c, SDR_Scored_At__c) exist on
 * Lead, Contact, Account and Opportunity; `customFields` and `defineField` add more. Writing a field the org does
 * not have fails with 400 INVALID_FIELD, as in Salesforce, unless `acceptUndeclaredCustomFields` is set.
 *
 * Every REST call needs a live session and counts against the daily API limit; the `Sforce-Limit-Info` header
 * reports the usage. Tests see the traffic in `calls` and disturb it with `failNext`, `failRecord`,
 * `expireSessions` and `revokeRefreshTokens`.
 *
 * For setup tools (the sf plugin): the Organization record (its Id is the org id), permission sets and their
 * assignments, `/services/oauth2/userinfo` (sf's access-token login), the Connect REST API's named and external
 * credentials (named-credentials.ts), and the Tooling API's query, CspTrustedSite updates and an executeAnonymous
 * that knows only the SDR package's round-trip callout (tooling.ts). `sdrPackage` deploys the SDR package's
 * metadata first; `setup` reads what was configured.
 *
 * Streaming (CometD) lives in streaming.ts; `mountStreaming` mounts it on this server, where jsforce's streaming
 * client looks for it (`/cometd/<version>`). It follows the data through `onChange` (Change Data Capture: each
 * change is already shaped like a change event's header and fields) and `onPublish` (platform events), and checks
 * the clients' tokens with `authenticate`:
 *
 *   const sf = await startSalesforceStandIn({
 *     mountStreaming: (app, standIn) => {
 *       const streaming = createStreamingStandIn({ isValidToken: (token) => standIn.authenticate(token) !== null });
 *       standIn.onChange((change) => streaming.publishChange(change));
 *       app.use('/cometd', streaming.router);
 *     },
 *   });
 */

export type { CallRecord, Fault, FaultMatch, FieldSpec, PublishedEvent, RecordChange, SObjectRecord };

export interface SalesforceStandInOptions {
  /** The connected app's consumer key, secret and callback URL. */
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  /** Username of the org's admin, who approves the web-server flow and owns what tests insert. */
  username?: string;
  /** The org id (18 characters, `00D…`); a fresh one by default, so two stand-ins never share one. */
  orgId?: string;
  /** The clock of record timestamps, token expiry and JWT checks. Defaults to the real time. */
  now?: () => Date;
  /** How long an access token lives; 2 hours (Salesforce's default session timeout) by default. */
  sessionLifetimeMs?: number;
  /** DailyApiRequests Max; 15,000 by default. */
  dailyApiLimit?: number;
  /** API calls already used today, to start near the limit. */
  apiUsage?: number;
  /** Latency added to every response. */
  latencyMs?: number;
  /** Extra fields per object, e.g. `{ Lead: [{ name: 'Fleet_Size__c', type: 'double' }] }`. */
  customFields?: Record<string, FieldSpec[]>;
  /** Leave out the SDR score fields. */
  withoutScoreFields?: boolean;
  /** Declare an unknown `__c` field on first write instead of failing with INVALID_FIELD. */
  acceptUndeclaredCustomFields?: boolean;
  /** Give every record of one transaction the same SystemModstamp, as a real org does. Off by default. */
  sharedTransactionStamps?: boolean;
  /** Polls of a Bulk API 2.0 job that find it InProgress before it completes; 1 by default. */
  bulkPollsInProgress?: number;
  /** The newest API version `/services/data` lists; any `vNN.N` is served. */
  latestApiVersion?: string;
  /**
   * Mounts more routes on the server before its catch-all 404, e.g. the Streaming API under `/cometd/`. Called
   * once, before the server listens.
   */
  mountStreaming?: (app: express.Express, standIn: SalesforceStandIn) => void;
  /** The Organization's Name; "SDR Stand-in Org" by default. */
  orgName?: string;
  /**
   * Deploys the SDR package's metadata first: the SDR_Backend External and Named Credentials, the
   * SDR_Backend_Stream CSP Trusted Site, the SDR_User and SDR_Admin permission sets and the SdrBackend class.
   */
  sdrPackage?: boolean;
}

export interface IssuedSession {
  accessToken: string;
  refreshToken: string;
  instanceUrl: string;
  userId: string;
}

export interface SalesforceStandIn {
  /** The base URL: login URL and instance URL both. */
  readonly url: string;
  readonly loginUrl: string;
  readonly instanceUrl: string;
  readonly orgId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly apiVersion: string;
  /** The admin user's username and id. */
  readonly username: string;
  readonly userId: string;
  /** Every request served, in order of completion. */
  readonly calls: CallRecord[];
  /** REST API calls counted against the daily limit (OAuth calls are not). */
  readonly apiUsage: number;
  setApiUsage(used: number): void;
  readonly publishedEvents: PublishedEvent[];
  close(): Promise<void>;

  /** Uploads a certificate (or public key) to the connected app and pre-authorises `username` for JWT bearer. */
  registerJwtCertificate(publicKeyPem: string, username: string): void;
  /** A session as the authorization-code flow would give one, without the round trips. */
  issueSession(username?: string): IssuedSession;
  /** The user of a live access token, for the streaming part's handshake; null when expired or unknown. */
  authenticate(accessToken: string): { userId: string } | null;
  /** Invalidates every access token at once; refresh tokens still work. */
  expireSessions(): void;
  /** Every refresh token stops working: refresh fails with `invalid_grant` / `expired access/refresh token`. */
  revokeRefreshTokens(): void;
  /** The user refuses the next web-server authorization (`error=access_denied`). */
  denyNextAuthorization(): void;

  /** Creates records as the admin, as if entered in the UI; audit fields (CreatedDate…) may be given. */
  insert(type: string, records: SObjectRecord[]): SObjectRecord[];
  /** Changes a record as the admin would in the UI, bumping LastModifiedDate and SystemModstamp. */
  update(type: string, id: string, fields: SObjectRecord): SObjectRecord;
  /** Moves a record to the recycle bin (queryAll still finds it, with IsDeleted true). */
  delete(type: string, id: string): void;
  get(type: string, id: string): SObjectRecord | undefined;
  all(type: string, options?: { includeDeleted?: boolean }): SObjectRecord[];
  /** Adds a field to an object, as Setup would; describe lists it from then on. */
  defineField(type: string, field: FieldSpec): void;
  /** Called after every committed create, update and delete; returns a function that unsubscribes. */
  onChange(listener: (change: RecordChange) => void): () => void;
  /** Called for every platform event published. */
  onPublish(listener: (event: PublishedEvent) => void): () => void;

  /** The next `times` (default 1) writes to the record fail with this error, whichever API makes them. */
  failRecord(id: string, error: { statusCode: string; message: string; fields?: string[] }, times?: number): void;
  /** The next matching requests are answered with the fault instead of being served. */
  failNext(match: FaultMatch, fault: Fault): void;
  /** Latency added to every response from now on. */
  setLatency(ms: number): void;

  /** Setup as an admin sees it: credentials, the Named Credential URL, permission set assignments. */
  readonly setup: {
    /** The SDR package's metadata, as `sdrPackage` deploys it. */
    deploySdrPackage(): void;
    namedCredentialUrl(developerName: string): string | undefined;
    /** A stored credential value, in clear, e.g. ('SDR_Backend', 'SDR_Backend_Key', 'ApiKey'). */
    storedCredential(externalCredential: string, principalName: string, parameter: string): string | undefined;
    /** Assigns a permission set (by Name) to a user (username or id), creating the user when unknown. */
    assignPermissionSet(user: string, permissionSet: string): void;
  };
}

const DEFAULTS = {
  clientId: '3MVG9stand.in.consumer.key.for.tests.only',
  clientSecret: 'A1B2C3D4E5F6071829304152637485960718293041526374859607182930415263',
  redirectUri: 'http://localhost:3000/oauth/salesforce/callback',
  username: 'admin@sdr-stand-in.example.com',
  sessionLifetimeMs: 2 * 60 * 60_000,
  dailyApiLimit: 15_000,
  latestApiVersion: '62.0',
};

/** Salesforce's release names: 59.0 was Winter '24, then Spring and Summer, three releases a year. */
function releaseLabel(major: number): string {
  const index = major - 59;
  const season = ['Winter', 'Spring', 'Summer'][((index % 3) + 3) % 3]!;
  return `${season} '${24 + Math.floor(index / 3)}`;
}

export async function startSalesforceStandIn(options: SalesforceStandInOptions = {}): Promise<SalesforceStandIn> {
  const clock = () => (options.now ? options.now() : new Date()).getTime();
  const orgId = options.orgId ?? randomId('00D');
  if (!/^00D[a-zA-Z0-9]{15}$/.test(orgId)) throw new Error(`Not an 18-character org id: ${orgId}`);
  const latestVersion = options.latestApiVersion ?? DEFAULTS.latestApiVersion;

  const schema = new Schema([...standardObjects(), ...SETUP_OBJECTS]);
  if (!options.withoutScoreFields) {
    for (const object of SCORED_OBJECTS) for (const field of SCORE_FIELDS) schema.defineField(object, field);
  }
  for (const [object, fields] of Object.entries(options.customFields ?? {})) {
    for (const field of fields) schema.defineField(object, field);
  }
  const store = new RecordStore(schema, {
    clock,
    acceptUndeclaredCustomFields: options.acceptUndeclaredCustomFields ?? false,
    sharedTransactionStamps: options.sharedTransactionStamps ?? false,
  });
  const traffic = new Traffic(options.latencyMs ?? 0);
  let baseUrl = '';

  const userObject = schema.object('User')!;
  const findUser = (usernameOrId: string): StoredRecord | undefined => {
    const id = toId18(usernameOrId);
    const byId = id ? store.get(id) : undefined;
    if (byId) return byId.object === userObject ? byId : undefined;
    const wanted = usernameOrId.toLowerCase();
    return store.list(userObject).find((u) => String(u.values.Username).toLowerCase() === wanted);
  };
  const createUser = (username: string, actorId: string): string => {
    const local = username.split('@')[0] ?? 'user';
    const planned = store.planCreate(
      userObject,
      {
        Username: username,
        FirstName: local === 'admin' || username === DEFAULTS.username ? 'Avery' : 'Integration',
        LastName: local === 'admin' || username === DEFAULTS.username ? 'Admin' : local,
        Email: username,
        Alias: local.slice(0, 8),
      },
      { actorId, channel: 'trusted' },
    );
    if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join('; '));
    return store.commit([planned.plan], actorId)[0]!.id;
  };

  const username = options.username ?? DEFAULTS.username;
  const defaultUserId = createUser(username, store.peekId(userObject));

  const org: Org = {
    orgId,
    url: () => baseUrl,
    clock,
    schema,
    store,
    soql: new SoqlEngine(schema, store),
    sessions: new Sessions({ clock, lifetimeMs: options.sessionLifetimeMs ?? DEFAULTS.sessionLifetimeMs, orgId }),
    app: {
      clientId: options.clientId ?? DEFAULTS.clientId,
      clientSecret: options.clientSecret ?? DEFAULTS.clientSecret,
      redirectUri: options.redirectUri ?? DEFAULTS.redirectUri,
    },
    jwtRegistrations: [],
    defaultUserId,
    findUser,
    apiUsage: { used: options.apiUsage ?? 0, max: options.dailyApiLimit ?? DEFAULTS.dailyApiLimit },
    latestVersion,
    namedCredentials: new NamedCredentials(),
    apexClasses: new Set(),
  };

  const objectNamed = (type: string) => {
    const object = schema.object(type);
    if (!object) throw new Error(`No sObject ${type}`);
    return object;
  };
  const trusted = { actorId: defaultUserId, channel: 'trusted' } as const;
  store.seed(
    objectNamed('Organization'),
    orgId,
    {
      Name: options.orgName ?? 'SDR Stand-in Org',
      InstanceName: 'NA1',
      IsSandbox: false,
      OrganizationType: 'Enterprise Edition',
      NamespacePrefix: null,
    },
    defaultUserId,
  );
  if (options.sdrPackage) deploySdrPackage(org, defaultUserId);
  const copy = (record: StoredRecord): SObjectRecord => ({ ...record.values });
  const oauth = oauthRoutes(org);

  const standIn: SalesforceStandIn = {
    get url() {
      return baseUrl;
    },
    get loginUrl() {
      return baseUrl;
    },
    get instanceUrl() {
      return baseUrl;
    },
    orgId,
    clientId: org.app.clientId,
    clientSecret: org.app.clientSecret,
    redirectUri: org.app.redirectUri,
    apiVersion: latestVersion,
    username,
    userId: defaultUserId,
    calls: traffic.calls,
    get apiUsage() {
      return org.apiUsage.used;
    },
    setApiUsage(used) {
      org.apiUsage.used = used;
    },
    publishedEvents: store.publishedEvents,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },

    registerJwtCertificate(publicKeyPem, jwtUsername) {
      if (!findUser(jwtUsername)) createUser(jwtUsername, defaultUserId);
      org.jwtRegistrations.push({ key: publicKeyFromPem(publicKeyPem), username: jwtUsername });
    },
    issueSession(sessionUsername = username) {
      const user = findUser(sessionUsername);
      if (!user) throw new Error(`No user ${sessionUsername}`);
      const userId = String(user.values.Id);
      const refreshToken = org.sessions.issueRefreshToken(userId, org.app.clientId);
      const session = org.sessions.issue(userId, org.app.clientId, refreshToken);
      return { accessToken: session.accessToken, refreshToken, instanceUrl: baseUrl, userId };
    },
    authenticate(accessToken) {
      const session = org.sessions.find(accessToken);
      return session ? { userId: session.userId } : null;
    },
    expireSessions: () => org.sessions.expireAll(),
    revokeRefreshTokens: () => org.sessions.revokeRefreshTokens(),
    denyNextAuthorization: () => oauth.controls.denyNextAuthorization(),

    insert(type, records) {
      const object = objectNamed(type);
      const plans = records.map((record) => {
        const planned = store.planCreate(object, record, trusted);
        if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join('; '));
        return planned.plan;
      });
      const committed = store.commit(plans, defaultUserId);
      if (object.kind === 'platformEvent') {
        return committed.map((c) => ({ ...store.publishedEvents.find((e) => e.id === c.id)!.payload }));
      }
      return committed.map((c) => copy(store.get(c.id)!));
    },
    update(type, id, fields) {
      const planned = store.planUpdate(objectNamed(type), id, fields, trusted);
      if (!planned.ok) throw new Error(planned.errors.map((e) => `${e.statusCode}: ${e.message}`).join('; '));
      const [committed] = store.commit([planned.plan], defaultUserId);
      return copy(store.get(committed!.id)!);
    },
    delete(type, id) {
      const planned = store.planDelete(objectNamed(type), id);
      if (!planned.ok) throw new Error(planned.errors.map((e) => `${e.statusCode}: ${e.message}`).join('; '));
      store.commit([planned.plan], defaultUserId);
    },
    get(type, id) {
      const record = store.get(id);
      return record && record.object === objectNamed(type) ? copy(record) : undefined;
    },
    all(type, allOptions = {}) {
      return store
        .list(objectNamed(type))
        .filter((r) => allOptions.includeDeleted || r.deletedAt === null)
        .map(copy);
    },
    defineField(type, field) {
      schema.defineField(objectNamed(type).name, field);
    },
    onChange: (listener) => store.onChange(listener),
    onPublish: (listener) => store.onPublish(listener),

    failRecord(id, error, times = 1) {
      store.failRecord(id, { statusCode: error.statusCode, message: error.message, fields: error.fields ?? [] }, times);
    },
    failNext: (match, fault) => traffic.failNext(match, fault),
    setLatency(ms) {
      traffic.latencyMs = ms;
    },

    setup: {
      deploySdrPackage: () => deploySdrPackage(org, defaultUserId),
      namedCredentialUrl: (name) => org.namedCredentials.named.get(name)?.calloutUrl,
      storedCredential: (ec, principal, parameter) => org.namedCredentials.storedValue(ec, principal, parameter),
      assignPermissionSet(user, permissionSetName) {
        const userId = String((findUser(user) ? findUser(user)!.values.Id : createUser(user, defaultUserId)) ?? '');
        const permissionSet = store
          .list(objectNamed('PermissionSet'))
          .find((p) => String(p.values.Name).toLowerCase() === permissionSetName.toLowerCase());
        if (!permissionSet) throw new Error(`No permission set ${permissionSetName}`);
        const planned = store.planCreate(
          objectNamed('PermissionSetAssignment'),
          { AssigneeId: userId, PermissionSetId: String(permissionSet.values.Id) },
          trusted,
        );
        if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join('; '));
        store.commit([planned.plan], defaultUserId);
      },
    },
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // sf keeps the instance URL with a trailing slash and asks for `//services/data/…`, which Salesforce serves.
  app.use((req, _res, next) => {
    if (req.url.startsWith('//')) req.url = req.url.replace(/^\/+/, '/');
    next();
  });
  app.use(traffic.middleware());
  app.get('/services/oauth2/userinfo', userInfoRoute(org));
  app.use('/services/oauth2', express.urlencoded({ extended: false }), oauth.router);
  app.get('/id/:orgId/:userId', identityRoute(org));
  app.get('/setup/secur/RemoteAccessErrorPage.apexp', (req, res) => {
    const text = (name: string) => String(req.query[name] ?? '').replace(/[<>&"]/g, '');
    res
      .status(200)
      .type('html')
      .send(
        `<html><body><h1>OAuth Error</h1><p>error=${text('error')}</p><p>${text('error_description')}</p></body></html>`,
      );
  });
  app.get(['/services/data', '/services/data/'], (_req, res) => {
    const [major] = latestVersion.split('.').map(Number);
    const versions = [];
    for (let v = 31; v <= major!; v++) {
      versions.push({ label: releaseLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` });
    }
    res.json(versions);
  });
  options.mountStreaming?.(app, standIn);
  app.use('/services/data/:version', restApiRoutes(org, { pollsInProgress: options.bulkPollsInProgress ?? 1 }));
  app.use((_req, res) => {
    res.status(404).json(notFound().body());
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof RequestError) {
      res.status(error.status).json(error.body());
      return;
    }
    const type = (error as { type?: string }).type;
    const message = error instanceof Error ? error.message : String(error);
    if (type === 'entity.parse.failed') {
      res.status(400).json([{ message, errorCode: 'JSON_PARSER_ERROR' }]);
    } else if (type === 'entity.too.large') {
      res.status(413).json([{ message: 'Request entity too large', errorCode: 'REQUEST_ENTITY_TOO_LARGE' }]);
    } else {
      res.status(500).json([{ message, errorCode: 'UNKNOWN_EXCEPTION' }]);
    }
  });

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return standIn;
}

/** The access token of a request's `Authorization: Bearer …` (or `OAuth …`) header, for the streaming part. */
export { bearerToken };
