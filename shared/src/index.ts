export * from './v1/common.ts';
export * from './v1/leads.ts';
export * from './v1/companies.ts';
export * from './v1/activities.ts';
export * from './v1/jobs.ts';
export * from './v1/routes.ts';
export { buildOpenApiDocument } from './openapi.ts';
