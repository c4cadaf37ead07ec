import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { commonProblems, routes, type ApiRoute } from './v1/routes.ts';
import { Problem } from './v1/common.ts';

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
    responses[status] = { description, content: { 'application/problem+json': { schema: Problem } } };
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
      ...(route.body
        ? { body: { required: true, content: { 'application/json': { schema: route.body } } } }
        : {}),
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
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'SDR Enhancement System API',
      version: options.version,
      description:
        'Lead scores with reasons, routing, company research and live-call assistance for the CRM components.',
    },
    servers: options.serverUrl ? [{ url: options.serverUrl }] : [],
  });
}
