import { z } from 'zod';
import { Id, IdParams, Problem } from './common.ts';
import { LeadListQuery, LeadPage, Lead, LeadPatch, LeadUpsertBody, LeadUpsertResult } from './leads.ts';
import { Company, CompanyListQuery, CompanyPage, CompanyUpsertBody, CompanyUpsertResult } from './companies.ts';
import { ActivityCreateBody, ActivityCreateResult, ActivityListQuery, ActivityPage } from './activities.ts';
import { Job } from './jobs.ts';
import { ModelVersion } from './models.ts';
import { LeadScore, RescoreRequest, ScoreRequest, ScoreResults } from './scores.ts';
import { CrmObjectKind } from './crm-fields.ts';
import {
  Battlecard,
  BattlecardCreate,
  BattlecardDraft,
  BattlecardDraftRequest,
  BattlecardList,
  BattlecardListQuery,
  BattlecardSearchQuery,
  BattlecardSearchResults,
  BattlecardsInPlay,
  BattlecardsInPlayQuery,
  BattlecardUpdate,
  BattlecardVersionList,
  Competitor,
  CompetitorCreate,
  CompetitorList,
  CompetitorUpdate,
} from './battlecards.ts';
import {
  Call,
  CallEnd,
  CallEvents,
  CallEventsQuery,
  CallList,
  CallListQuery,
  CallPlatformSettings,
  CallPlatformSettingsUpdate,
  CallStart,
  CallToken,
  SegmentIngestResult,
  TranscriptSegmentBatch,
} from './calls.ts';
import {
  RouteLeadRequest,
  RoutingDecision,
  RoutingDecisionList,
  RoutingRuleSet,
  RoutingRuleSetCreate,
  RoutingRuleSetList,
  RoutingSimulation,
  RoutingSimulationRequest,
  User,
  UserList,
  UserUpsert,
} from './routing.ts';
import { LeadQueue, LeadQueueQuery } from './queue.ts';
import { OpportunityListQuery, OpportunityPage } from './opportunities.ts';
import { TenantRegistered, TenantRegistration } from './tenants.ts';
import { RegisterEntryChoice, ResearchReport, ResearchRequest } from './research.ts';
import { TenantSettings, TenantSettingsPatch } from './settings.ts';
import {
  CrmAuthorizeLink,
  CrmConnection,
  CrmUserList,
  FieldMappingUpdate,
  FieldMappingView,
  SalesforceJwtConnect,
} from './crm.ts';

const ModelVersionParams = z.strictObject({
  version: z.string().regex(/^[0-9A-Za-z._-]{1,64}$/, 'a model version such as 2026-11-24.1'),
});
const BattlecardVersionParams = z.strictObject({ id: Id, version: z.coerce.number().int().min(1).max(1_000_000) });
const RuleSetVersionParams = z.strictObject({ version: z.coerce.number().int().min(1).max(1_000_000) });
const ModelList = z.object({ data: z.array(ModelVersion) }).meta({ id: 'ModelList' });
const JobAccepted = z.object({ job: Job }).meta({ id: 'JobAccepted', description: 'A job was started; poll its URL' });
const CrmFieldList = z
  .object({
    data: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        type: z.string(),
        custom: z.boolean(),
        updateable: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'CrmFieldList', description: "Fields of one kind of record in the tenant's CRM" });
const CrmObjectParams = z.strictObject({ object: CrmObjectKind });
const TrainRequest = z
  .strictObject({
    windowDays: z
      .number()
      .int()
      .min(7)
      .max(730)
      .optional()
      .meta({ description: "Conversion window; the tenant's setting when absent" }),
  })
  .meta({ id: 'TrainRequest' });

export type HttpMethod = 'get' | 'put' | 'post' | 'patch' | 'delete';

export interface ResponseDef {
  description: string;
  schema?: z.ZodType;
}

/**
 * One endpoint of the API. The backend mounts its handlers on these definitions (validating requests and
 * responses with the schemas), and the OpenAPI document is generated from the same list, so the two cannot drift.
 */
export interface ApiRoute {
  method: HttpMethod;
  /** Express-style path: `/v1/leads/:id`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Whether the route needs `Authorization: Bearer <tenant API key>`. */
  auth: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, ResponseDef>;
}

const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
const Readiness = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.object({ database: z.boolean(), migrations: z.boolean() }),
  })
  .meta({ id: 'Readiness' });

export const OpenApiDocument = z.record(z.string(), z.unknown()).meta({ id: 'OpenApiDocument' });

function define<const R extends ApiRoute>(route: R): R {
  return route;
}

export const routes = {
  health: define({
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'The process is up',
    tag: 'Operations',
    auth: false,
    responses: { 200: { description: 'Up', schema: Health } },
  }),
  readiness: define({
    method: 'get',
    path: '/readyz',
    operationId: 'readiness',
    summary: 'The database is reachable and every migration is applied',
    tag: 'Operations',
    auth: false,
    responses: {
      200: { description: 'Ready', schema: Readiness },
      503: { description: 'Not ready', schema: Readiness },
    },
  }),
  openApi: define({
    method: 'get',
    path: '/v1/openapi.json',
    operationId: 'openApi',
    summary: 'This API described in OpenAPI 3.1',
    tag: 'Operations',
    auth: false,
    responses: { 200: { description: 'The OpenAPI document', schema: OpenApiDocument } },
  }),
  registerTenant: define({
    method: 'post',
    path: '/v1/tenants',
    operationId: 'registerTenant',
    summary:
      "Register a Salesforce org or HubSpot portal as a tenant and issue its API key (again for one already registered). Needs the service's registration token as `Authorization: Bearer <REGISTRATION_TOKEN>`, not a tenant key",
    tag: 'Operations',
    auth: false,
    body: TenantRegistration,
    responses: {
      201: { description: 'A new tenant and its key', schema: TenantRegistered },
      200: {
        description: 'Already a tenant, and currentApiKey is one of its keys: a new key for it',
        schema: TenantRegistered,
      },
      403: { description: 'The registration token is missing or wrong, or registration is turned off' },
      409: { description: 'Already a tenant, and no current key of it was given' },
    },
  }),
  listLeads: define({
    method: 'get',
    path: '/v1/leads',
    operationId: 'listLeads',
    summary: 'List leads with filters, sorting and cursor pagination',
    tag: 'Leads',
    auth: true,
    query: LeadListQuery,
    responses: { 200: { description: 'A page of leads', schema: LeadPage } },
  }),
  getLead: define({
    method: 'get',
    path: '/v1/leads/:id',
    operationId: 'getLead',
    summary: 'Get one lead',
    tag: 'Leads',
    auth: true,
    params: IdParams,
    responses: { 200: { description: 'The lead', schema: Lead } },
  }),
  upsertLeads: define({
    method: 'put',
    path: '/v1/leads',
    operationId: 'upsertLeads',
    summary: 'Create or update leads by CRM id (one, or a batch of up to 1,000)',
    tag: 'Leads',
    auth: true,
    body: LeadUpsertBody,
    responses: { 200: { description: 'The leads as stored', schema: LeadUpsertResult } },
  }),
  patchLead: define({
    method: 'patch',
    path: '/v1/leads/:id',
    operationId: 'patchLead',
    summary: 'Change some fields of a lead',
    tag: 'Leads',
    auth: true,
    params: IdParams,
    body: LeadPatch,
    responses: { 200: { description: 'The lead as stored', schema: Lead } },
  }),
  listLeadActivities: define({
    method: 'get',
    path: '/v1/leads/:id/activities',
    operationId: 'listLeadActivities',
    summary: "A lead's activities, newest first",
    tag: 'Activities',
    auth: true,
    params: IdParams,
    query: ActivityListQuery,
    responses: { 200: { description: 'A page of activities', schema: ActivityPage } },
  }),
  createLeadActivities: define({
    method: 'post',
    path: '/v1/leads/:id/activities',
    operationId: 'createLeadActivities',
    summary: 'Record activities on a lead (one, or up to 1,000; idempotent by CRM id)',
    tag: 'Activities',
    auth: true,
    params: IdParams,
    body: ActivityCreateBody,
    responses: { 200: { description: 'The activities as stored', schema: ActivityCreateResult } },
  }),
  listCompanies: define({
    method: 'get',
    path: '/v1/companies',
    operationId: 'listCompanies',
    summary: 'List companies',
    tag: 'Companies',
    auth: true,
    query: CompanyListQuery,
    responses: { 200: { description: 'A page of companies', schema: CompanyPage } },
  }),
  listOpportunities: define({
    method: 'get',
    path: '/v1/opportunities',
    operationId: 'listOpportunities',
    summary: 'List opportunities (deals), e.g. the one synced from a CRM record',
    tag: 'Companies',
    auth: true,
    query: OpportunityListQuery,
    responses: { 200: { description: 'A page of opportunities, newest first', schema: OpportunityPage } },
  }),
  getCompany: define({
    method: 'get',
    path: '/v1/companies/:id',
    operationId: 'getCompany',
    summary: 'Get one company',
    tag: 'Companies',
    auth: true,
    params: IdParams,
    responses: { 200: { description: 'The company', schema: Company } },
  }),
  chooseRegisterEntry: define({
    method: 'put',
    path: '/v1/companies/:id/register-entry',
    operationId: 'chooseRegisterEntry',
    summary:
      "Say which public register entry (UK company number) a company is, e.g. one of an ambiguous report's candidates; research keeps to it. Null goes back to matching by name",
    tag: 'Research',
    auth: true,
    params: IdParams,
    body: RegisterEntryChoice,
    responses: { 200: { description: 'The choice as stored', schema: RegisterEntryChoice } },
  }),
  upsertCompanies: define({
    method: 'put',
    path: '/v1/companies',
    operationId: 'upsertCompanies',
    summary: 'Create or update companies by CRM id (one, or a batch of up to 1,000)',
    tag: 'Companies',
    auth: true,
    body: CompanyUpsertBody,
    responses: { 200: { description: 'The companies as stored', schema: CompanyUpsertResult } },
  }),
  getJob: define({
    method: 'get',
    path: '/v1/jobs/:id',
    operationId: 'getJob',
    summary: "A background job's state and progress",
    tag: 'Jobs',
    auth: true,
    params: IdParams,
    responses: { 200: { description: 'The job', schema: Job } },
  }),
  scoreLeads: define({
    method: 'post',
    path: '/v1/scores',
    operationId: 'scoreLeads',
    summary: 'Score stored leads by id, or inline leads, with EV, Risk, Urgency and their reasons (up to 1,000)',
    tag: 'Scores',
    auth: true,
    body: ScoreRequest,
    responses: { 200: { description: 'One result per lead, in request order', schema: ScoreResults } },
  }),
  getLeadScore: define({
    method: 'get',
    path: '/v1/leads/:id/score',
    operationId: 'getLeadScore',
    summary: "A lead's latest score with its top reasons (scored now when it has none)",
    tag: 'Scores',
    auth: true,
    params: IdParams,
    responses: { 200: { description: 'The latest score', schema: LeadScore } },
  }),
  rescoreAll: define({
    method: 'post',
    path: '/v1/scores/rescore-all',
    operationId: 'rescoreAll',
    summary: 'Rescore every lead of the tenant, or the leads with the CRM ids given, as a job with progress',
    tag: 'Scores',
    auth: true,
    body: RescoreRequest,
    responses: { 202: { description: 'The job', schema: JobAccepted } },
  }),
  trainModel: define({
    method: 'post',
    path: '/v1/models/train',
    operationId: 'trainModel',
    summary: "Learn a conversion model from the tenant's own outcomes, as a job with progress",
    tag: 'Models',
    auth: true,
    body: TrainRequest,
    responses: { 202: { description: 'The job', schema: JobAccepted } },
  }),
  listModels: define({
    method: 'get',
    path: '/v1/models',
    operationId: 'listModels',
    summary: 'Model versions, newest first, with their metrics',
    tag: 'Models',
    auth: true,
    responses: { 200: { description: 'The versions', schema: ModelList } },
  }),
  promoteModel: define({
    method: 'post',
    path: '/v1/models/:version/promote',
    operationId: 'promoteModel',
    summary: 'Make a version the active one (promotion or rollback)',
    tag: 'Models',
    auth: true,
    params: ModelVersionParams,
    responses: { 200: { description: 'The version, now active', schema: ModelVersion } },
  }),
  requestResearch: define({
    method: 'post',
    path: '/v1/research',
    operationId: 'requestResearch',
    summary:
      "Research a company (or a lead's company): the current report when one is fresh or being written, else a new one, researched in the background",
    tag: 'Research',
    auth: true,
    body: ResearchRequest,
    responses: {
      200: { description: 'A fresh report, or one being written', schema: ResearchReport },
      202: { description: 'Research started: poll the report', schema: ResearchReport },
    },
  }),
  getResearch: define({
    method: 'get',
    path: '/v1/research/:id',
    operationId: 'getResearch',
    summary: 'A research report: pending, running, completed (with every fact and its source) or failed',
    tag: 'Research',
    auth: true,
    params: IdParams,
    responses: { 200: { description: 'The report', schema: ResearchReport } },
  }),
  getCrmConnection: define({
    method: 'get',
    path: '/v1/crm/connection',
    operationId: 'getCrmConnection',
    summary: "The CRM connection's status in plain words, sync times, API usage and pending write-backs",
    tag: 'CRM',
    auth: true,
    responses: { 200: { description: 'The connection', schema: CrmConnection } },
  }),
  authorizeCrm: define({
    method: 'post',
    path: '/v1/crm/authorize',
    operationId: 'authorizeCrm',
    summary: "Start connecting the tenant's CRM: a link to its OAuth consent page, valid for 15 minutes",
    tag: 'CRM',
    auth: true,
    responses: {
      200: { description: 'The link', schema: CrmAuthorizeLink },
      409: { description: "The CRM's app is not configured on this service" },
    },
  }),
  connectSalesforceJwt: define({
    method: 'post',
    path: '/v1/crm/salesforce/jwt',
    operationId: 'connectSalesforceJwt',
    summary: 'Connect Salesforce as an integration user through the JWT bearer flow (no browser needed)',
    tag: 'CRM',
    auth: true,
    body: SalesforceJwtConnect,
    responses: {
      200: { description: 'Connected', schema: CrmConnection },
      409: { description: 'Not a Salesforce tenant, or the JWT flow is not configured' },
      422: { description: 'Salesforce refused the integration user, or it belongs to another org' },
    },
  }),
  startCrmSync: define({
    method: 'post',
    path: '/v1/crm/sync',
    operationId: 'startCrmSync',
    summary: 'Read what changed in the CRM now (the first sync reads everything), as a job with progress',
    tag: 'CRM',
    auth: true,
    responses: { 202: { description: 'The job', schema: JobAccepted } },
  }),
  describeCrmFields: define({
    method: 'get',
    path: '/v1/crm/fields/:object',
    operationId: 'describeCrmFields',
    summary: "The fields of one kind of record in the tenant's CRM, for the field mapping",
    tag: 'CRM',
    auth: true,
    params: CrmObjectParams,
    responses: {
      200: { description: 'The fields', schema: CrmFieldList },
      409: { description: 'No CRM connected, or this CRM has no such records in the sync' },
    },
  }),
  listCrmUsers: define({
    method: 'get',
    path: '/v1/crm/users',
    operationId: 'listCrmUsers',
    summary:
      "The people who can own records in the tenant's CRM (HubSpot owners, Salesforce users), for mapping the roster",
    tag: 'CRM',
    auth: true,
    responses: {
      200: { description: 'The CRM users, by name', schema: CrmUserList },
      409: { description: 'No CRM connected yet' },
    },
  }),
  getFieldMapping: define({
    method: 'get',
    path: '/v1/settings/field-mapping',
    operationId: 'getFieldMapping',
    summary: 'Which CRM fields feed the suite and where scores are written',
    tag: 'Settings',
    auth: true,
    responses: { 200: { description: 'The mapping', schema: FieldMappingView } },
  }),
  updateFieldMapping: define({
    method: 'put',
    path: '/v1/settings/field-mapping',
    operationId: 'updateFieldMapping',
    summary: 'Change the field mapping; with a CRM connected, every named field is checked against it',
    tag: 'Settings',
    auth: true,
    body: FieldMappingUpdate,
    responses: { 200: { description: 'The mapping now', schema: FieldMappingView } },
  }),
  listCompetitors: define({
    method: 'get',
    path: '/v1/competitors',
    operationId: 'listCompetitors',
    summary: 'The competitors whose names, aliases and products are listened for on calls',
    tag: 'Battlecards',
    auth: true,
    responses: { 200: { description: 'All competitors, by name', schema: CompetitorList } },
  }),
  createCompetitor: define({
    method: 'post',
    path: '/v1/competitors',
    operationId: 'createCompetitor',
    summary: 'Add a competitor',
    tag: 'Battlecards',
    auth: true,
    body: CompetitorCreate,
    responses: {
      201: { description: 'Created', schema: Competitor },
      409: { description: 'A competitor of that name exists' },
    },
  }),
  getCompetitor: define({
    method: 'get',
    path: '/v1/competitors/:id',
    operationId: 'getCompetitor',
    summary: 'One competitor',
    tag: 'Battlecards',
    auth: true,
    params: IdParams,
    responses: { 200: { description: 'The competitor', schema: Competitor } },
  }),
  updateCompetitor: define({
    method: 'patch',
    path: '/v1/competitors/:id',
    operationId: 'updateCompetitor',
    summary: "Change a competitor's name, aliases, products or website",
    tag: 'Battlecards',
    auth: true,
    params: IdParams,
    body: CompetitorUpdate,
    responses: {
      200: { description: 'The competitor now', schema: Competitor },
      409: { description: 'Another competitor has that name' },
    },
  }),
  deleteCompetitor: define({
    method: 'delete',
    path: '/v1/competitors/:id',
    operationId: 'deleteCompetitor',
    summary: 'Remove a competitor and its battlecards',
    tag: 'Battlecards',
    auth: true,
    params: IdParams,
    responses: { 204: { description: 'Removed' } },
  }),
  listBattlecards: define({
    method: 'get',
    path: '/v1/battlecards',
    operationId: 'listBattlecards',
    summary: 'Battlecards, optionally of one competitor or only the stale ones',
    tag: 'Battlecards',
    auth: true,
    query: BattlecardListQuery,
    responses: { 200: { description: 'The cards, by title', schema: BattlecardList } },
  }),
  getBattlecardsInPlay: define({
    method: 'get',
    path: '/v1/battlecards/in-play',
    operationId: 'getBattlecardsInPlay',
    summary: "The competitors named on a record's calls and deals, each with its battlecards",
    tag: 'Battlecards',
    auth: true,
    query: BattlecardsInPlayQuery,
    responses: { 200: { description: 'The competitors in play', schema: BattlecardsInPlay } },
  }),
  searchBattlecards: define({
    method: 'get',
    path: '/v1/battlecards/search',
    operationId: 'searchBattlecards',
    summary: 'Full-text search over every section and item of the cards',
    tag: 'Battlecards',
    auth: true,
    query: BattlecardSearchQuery,
    responses: { 200: { description: 'Best matches first', schema: BattlecardSearchResults } },
  }),
  draftBattlecard: define({
    method: 'post',
    path: '/v1/battlecards/draft',
    operationId: 'draftBattlecard',
    summary: 'Turn pasted notes into a card to review (with the LLM when configured, else by rules); stores nothing',
    tag: 'Battlecards',
    auth: true,
    body: BattlecardDraftRequest,
    responses: { 200: { description: 'The draft', schema: BattlecardDraft } },
  }),
  createBattlecard: define({
    method: 'post',
    path: '/v1/battlecards',
    operationId: 'createBattlecard',
    summary: 'Add a battlecard (version 1)',
    tag: 'Battlecards',
    auth: true,
    body: BattlecardCreate,
    responses: { 201: { description: 'Created', schema: Battlecard } },
  }),
  getBattlecard: define({
    method: 'get',
    path: '/v1/battlecards/:id',
    operationId: 'getBattlecard',
    summary: 'One battlecard, current version',
    tag: 'Battlecards',
    auth: true,
    params: IdParams,
    responses: { 200: { description: 'The card', schema: Battlecard } },
  }),
  updateBattlecard: define({
    method: 'patch',
    path: '/v1/battlecards/:id',
    operationId: 'updateBattlecard',
    summary: 'Change a battlecard: saved as a new version, the old one kept',
    tag: 'Battlecards',
    auth: true,
    params: IdParams,
    body: BattlecardUpdate,
    responses: { 200: { description: 'The card now', schema: Battlecard } },
  }),
  deleteBattlecard: define({
    method: 'delete',
    path: '/v1/battlecards/:id',
    operationId: 'deleteBattlecard',
    summary: 'Remove a battlecard and its versions',
    tag: 'Battlecards',
    auth: true,
    params: IdParams,
    responses: { 204: { description: 'Removed' } },
  }),
  listBattlecardVersions: define({
    method: 'get',
    path: '/v1/battlecards/:id/versions',
    operationId: 'listBattlecardVersions',
    summary: 'Every saved version of a card, with author and date',
    tag: 'Battlecards',
    auth: true,
    params: IdParams,
    responses: { 200: { description: 'Newest first', schema: BattlecardVersionList } },
  }),
  getBattlecardVersion: define({
    method: 'get',
    path: '/v1/battlecards/:id/versions/:version',
    operationId: 'getBattlecardVersion',
    summary: 'A card as it was at one version',
    tag: 'Battlecards',
    auth: true,
    params: BattlecardVersionParams,
    responses: { 200: { description: 'The card at that version', schema: Battlecard } },
  }),
  startCall: define({
    method: 'post',
    path: '/v1/calls',
    operationId: 'startCall',
    summary: 'Start a live call, linked to a lead or deal; the same platform and externalId return the same call',
    tag: 'Calls',
    auth: true,
    body: CallStart,
    responses: {
      200: { description: 'The call had already been started', schema: Call },
      201: { description: 'Started', schema: Call },
    },
  }),
  listCalls: define({
    method: 'get',
    path: '/v1/calls',
    operationId: 'listCalls',
    summary: "Calls, newest first: a lead's, or the live ones",
    tag: 'Calls',
    auth: true,
    query: CallListQuery,
    responses: { 200: { description: 'The calls', schema: CallList } },
  }),
  getCall: define({
    method: 'get',
    path: '/v1/calls/:id',
    operationId: 'getCall',
    summary: 'One call with its metrics and, once ended, its summary',
    tag: 'Calls',
    auth: true,
    params: IdParams,
    responses: { 200: { description: 'The call', schema: Call } },
  }),
  endCall: define({
    method: 'post',
    path: '/v1/calls/:id/end',
    operationId: 'endCall',
    summary: 'End a call: its summary is written and logged to the CRM',
    tag: 'Calls',
    auth: true,
    params: IdParams,
    body: CallEnd,
    responses: { 200: { description: 'The call, ended', schema: Call } },
  }),
  addSegments: define({
    method: 'post',
    path: '/v1/calls/:id/segments',
    operationId: 'addSegments',
    summary: 'Add transcript segments (new, interim, or finals replacing their interim) to a live call',
    tag: 'Calls',
    auth: true,
    params: IdParams,
    body: TranscriptSegmentBatch,
    responses: {
      200: { description: 'Stored and analysed', schema: SegmentIngestResult },
      409: { description: 'The call has ended' },
    },
  }),
  getCallEvents: define({
    method: 'get',
    path: '/v1/calls/:id/events',
    operationId: 'getCallEvents',
    summary:
      'What happened since a cursor, held open up to waitSeconds when nothing has (long-poll). ' +
      'With Accept: text/event-stream the same URL streams events as they happen (Server-Sent Events).',
    tag: 'Calls',
    auth: true,
    params: IdParams,
    query: CallEventsQuery,
    responses: { 200: { description: 'The events', schema: CallEvents } },
  }),
  createCallToken: define({
    method: 'post',
    path: '/v1/calls/:id/token',
    operationId: 'createCallToken',
    summary: 'A short-lived token for this call only, for clients that cannot send the API key (EventSource)',
    tag: 'Calls',
    auth: true,
    params: IdParams,
    responses: { 201: { description: 'The token', schema: CallToken } },
  }),
  getCallPlatforms: define({
    method: 'get',
    path: '/v1/settings/call-platforms',
    operationId: 'getCallPlatforms',
    summary: 'Which Zoom account and Microsoft Entra tenant feed this workspace, and where their events go',
    tag: 'Settings',
    auth: true,
    responses: { 200: { description: 'The settings', schema: CallPlatformSettings } },
  }),
  updateCallPlatforms: define({
    method: 'put',
    path: '/v1/settings/call-platforms',
    operationId: 'updateCallPlatforms',
    summary: "Register (or clear) this workspace's Zoom account or Microsoft Entra tenant",
    tag: 'Settings',
    auth: true,
    body: CallPlatformSettingsUpdate,
    responses: {
      200: { description: 'The settings now', schema: CallPlatformSettings },
      409: { description: 'Another workspace has registered that account' },
    },
  }),
  getSettings: define({
    method: 'get',
    path: '/v1/settings',
    operationId: 'getSettings',
    summary: "The workspace's settings: scoring, routing, research and the assistant, defaults filled in",
    tag: 'Settings',
    auth: true,
    responses: { 200: { description: 'The settings', schema: TenantSettings } },
  }),
  updateSettings: define({
    method: 'patch',
    path: '/v1/settings',
    operationId: 'updateSettings',
    summary: 'Change settings: each section given is merged over the current one; a list given replaces the list',
    tag: 'Settings',
    auth: true,
    body: TenantSettingsPatch,
    responses: { 200: { description: 'The settings now', schema: TenantSettings } },
  }),
  listUsers: define({
    method: 'get',
    path: '/v1/users',
    operationId: 'listUsers',
    summary: 'The roster: SDRs, managers and admins, with their capacity, hours, leave, weight and skills',
    tag: 'Routing',
    auth: true,
    responses: { 200: { description: 'The roster', schema: UserList } },
  }),
  upsertUser: define({
    method: 'put',
    path: '/v1/users',
    operationId: 'upsertUser',
    summary: 'Add a user, or change one, by e-mail',
    tag: 'Routing',
    auth: true,
    body: UserUpsert,
    responses: {
      200: { description: 'Changed', schema: User },
      201: { description: 'Added', schema: User },
      409: { description: 'Another user has that CRM user id' },
    },
  }),
  getUser: define({
    method: 'get',
    path: '/v1/users/:id',
    operationId: 'getUser',
    summary: 'One user of the roster',
    tag: 'Routing',
    auth: true,
    params: IdParams,
    responses: { 200: { description: 'The user', schema: User } },
  }),
  routeLead: define({
    method: 'post',
    path: '/v1/routing/route',
    operationId: 'routeLead',
    summary: 'Route a lead now by the active rule set; the decision says who, by which rule, and why others were not',
    tag: 'Routing',
    auth: true,
    body: RouteLeadRequest,
    responses: { 200: { description: 'The decision, stored', schema: RoutingDecision } },
  }),
  simulateRouting: define({
    method: 'post',
    path: '/v1/routing/simulate',
    operationId: 'simulateRouting',
    summary: 'Try a proposed rule set on the latest leads: who would get them, beside who has them; nothing assigned',
    tag: 'Routing',
    auth: true,
    body: RoutingSimulationRequest,
    responses: { 200: { description: 'The distribution', schema: RoutingSimulation } },
  }),
  getLeadQueue: define({
    method: 'get',
    path: '/v1/queue',
    operationId: 'getLeadQueue',
    summary:
      "A user's leads to work now: open leads by EV lifted by Urgency, with first-touch deadlines and last touch",
    tag: 'Routing',
    auth: true,
    query: LeadQueueQuery,
    responses: { 200: { description: 'The queue', schema: LeadQueue } },
  }),
  getLeadRouting: define({
    method: 'get',
    path: '/v1/leads/:id/routing',
    operationId: 'getLeadRouting',
    summary: "A lead's routing decisions, newest first, with the candidates and every skip's reason",
    tag: 'Routing',
    auth: true,
    params: IdParams,
    responses: { 200: { description: 'The decisions', schema: RoutingDecisionList } },
  }),
  listRuleSets: define({
    method: 'get',
    path: '/v1/routing/rule-sets',
    operationId: 'listRuleSets',
    summary: 'Every version of the routing rule set, newest first; one is active',
    tag: 'Routing',
    auth: true,
    responses: { 200: { description: 'The versions', schema: RoutingRuleSetList } },
  }),
  createRuleSet: define({
    method: 'post',
    path: '/v1/routing/rule-sets',
    operationId: 'createRuleSet',
    summary: 'Save a new version of the rule set, checked whole: with any problem it is refused, every problem listed',
    tag: 'Routing',
    auth: true,
    body: RoutingRuleSetCreate,
    responses: { 201: { description: 'The new version', schema: RoutingRuleSet } },
  }),
  activateRuleSet: define({
    method: 'post',
    path: '/v1/routing/rule-sets/:version/activate',
    operationId: 'activateRuleSet',
    summary: 'Make a saved version the active one',
    tag: 'Routing',
    auth: true,
    params: RuleSetVersionParams,
    responses: { 200: { description: 'The version, now active', schema: RoutingRuleSet } },
  }),
} satisfies Record<string, ApiRoute>;

export type Routes = typeof routes;

/** Errors every route can answer with, all as RFC 9457 problem details. */
export const commonProblems: Record<number, string> = {
  400: 'Invalid request: `errors` names each wrong field',
  401: 'Missing, unknown or revoked API key',
  404: 'No such record for this tenant',
  413: 'Body larger than the limit',
  415: 'Body is not JSON',
  500: 'Unexpected error',
};

export { Problem };
