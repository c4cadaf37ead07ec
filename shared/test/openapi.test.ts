import { buildOpenApiDocument, routes } from '../src/index.ts';
import { namedSchemas } from '../src/openapi.ts';

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument({ version: '1.2.3', serverUrl: 'https://sdr.example.com' });

  it('is OpenAPI 3.1 with the server and version given', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('1.2.3');
    expect(document.servers).toEqual([{ url: 'https://sdr.example.com' }]);
  });

  it('describes every route, with bearer auth and problem responses where they apply', () => {
    for (const route of Object.values(routes)) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths?.[path]?.[route.method];
      expect({ route: route.operationId, found: operation?.operationId }).toEqual({
        route: route.operationId,
        found: route.operationId,
      });
      if (route.auth) {
        expect(operation?.security).toEqual([{ tenantApiKey: [] }]);
        expect(operation?.responses?.['401']).toBeDefined();
        expect(Object.keys(operation?.responses?.['401']?.content ?? {})).toEqual(['application/problem+json']);
      }
    }
  });

  it('carries every named schema of the contract as a component', () => {
    const components = Object.keys(document.components?.schemas ?? {});
    for (const id of namedSchemas().keys()) expect(components).toContain(id);
    expect(components.length).toBeGreaterThan(80);
  });
});
