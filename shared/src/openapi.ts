import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { commonProblems, routes, type ApiRoute } from './v1/routes.ts';
import * as activities from './v1/activities.ts';
import * as battlecards from './v1/battlecards.ts';
import * as calls from './v1/calls.ts';
import * as common from './v1/common.ts';
import * as companies from './v1/companies.ts';
import * as jobs from './v1/jobs.ts';
import * as leads from './v1/leads.ts';
import * as models from './v1/models.ts';
import * as opportunities from './v1/opportunities.ts';
import * as research from './v1/research.ts';
import * as routing from './v1/routing.ts';
import * as scores from './v1/scores.ts';
import * as settings from './v1/settings.ts';

const contractModules = [
  common,
  leads,
  companies,
  activities,
  opportunities,
  scores,
  models,
  routing,
  battlecards,
  calls,
  research,
  settings,
  jobs,
];

/** Every named schema of the contract (those given an id with `.meta({ id })`). */
export function namedSchemas(): Map<string, z.ZodType> {
  const named = new Map<string, z.ZodType>();
  for (const module of contractModules) {
    for (const value of Object.values(module)) {
      if (!(value instanceof z.ZodType)) continue;
      const id = z.globalRegistry.get(value)?.id;
      if (typeof id === 'string') named.set(id, value);
    }
  }
  return named;
}

/** Express `:id` → OpenAPI `{id}`. */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function registerRoute(registry: OpenAPIRegistry, route: ApiRoute, bearer: { name: string }): void {
  const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = response.schema
      ? { description: response.description, content: { 'application/json': { schema: response.schema } } }
      : { description: response.description };
  }
  const problems = Object.entries(commonProblems).filter(
    ([status]) =>
      !(status in responses) &&
      (route.auth || status === '500' || (status === '400' && (route.query || route.body))) &&
      ((status !== '413' && status !== '415') || route.body),
  );
  for (const [status, description] of problems) {
    responses[status] = { description, content: { 'application/problem+json': { schema: common.Problem } } };
  }
  registry.registerPath({
    method: route.method,
    path: openApiPath(route.path),
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    security: route.auth ? [{ [bearer.name]: [] }] : [],
    request: {
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.body ? { body: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
    },
    responses,
  });
}

/** Builds the OpenAPI 3.1 document of the `/v1` API from the route definitions and their schemas. */
export function buildOpenApiDocument(options: { serverUrl?: string; version: string }) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'tenantApiKey', {
    type: 'http',
    scheme: 'bearer',
    description: "The tenant's API key, created with `npm run admin -- tenant create`",
  });
  for (const route of Object.values(routes) as ApiRoute[]) registerRoute(registry, route, bearer);
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'SDR Enhancement System API',
      version: options.version,
      description:
        'Lead scores with reasons, routing, company research and live-call assistance for the CRM components.',
    },
    servers: options.serverUrl ? [{ url: options.serverUrl }] : [],
  });
  // Schemas no route uses yet (call events, research reports, ...) are part of the contract too: add them as
  // components with zod's own JSON Schema output (draft 2020-12, which OpenAPI 3.1 uses).
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {});
  const registry2 = z.registry<{ id: string }>();
  for (const [id, schema] of namedSchemas()) registry2.add(schema, { id });
  const extra = z.toJSONSchema(registry2, {
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: 'any',
    io: 'output',
  });
  for (const [id, schema] of Object.entries(extra.schemas)) {
    if (id in schemas) continue;
    const { $schema: _schema, $id: _id, ...body } = schema as Record<string, unknown>;
    schemas[id] = body;
  }
  return document;
}
