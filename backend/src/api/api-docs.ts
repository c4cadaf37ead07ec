import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Router, type Response } from 'express';

export const API_DOCS_PATH = '/docs';

/** The OpenAPI document the reference renders, from this service (same origin). */
const OPENAPI_URL = '/v1/openapi.json';

/**
 * Everything comes from this service: scripts only as files (the initialiser too, so no inline script and no eval),
 * stylesheets only as files (Swagger UI sets element styles from script, which the policy allows, and injects no
 * <style>), images from here or as the data: URLs of Swagger UI's stylesheet, requests ("Try it out") only to this
 * origin. Nothing else: no fonts, frames, workers or plugins. No `upgrade-insecure-requests`, as for the preview:
 * the service is often reached over plain http by a host name.
 */
export const API_DOCS_CSP = [
  "default-src 'none'",
  "base-uri 'none'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "script-src 'self'",
  "style-src 'self'",
].join('; ');

/** The only files of `swagger-ui-dist` served: its stylesheets, its bundle and its icons (not its demo page). */
export const SWAGGER_UI_FILES = [
  'swagger-ui.css',
  'index.css',
  'swagger-ui-bundle.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
] as const;

/** `swagger-ui-dist`'s folder and version (a dependency of the service: a production install has it). */
export function swaggerUiDist(): { dir: string; version: string } {
  const manifest = createRequire(import.meta.url).resolve('swagger-ui-dist/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { dir: path.dirname(manifest), version };
}

/** Where the page finds Swagger UI's files: the version is in the path, so they can be cached for good. */
export const swaggerUiAssetsPath = (version: string) => `${API_DOCS_PATH}/swagger-ui/${version}`;

const INITIALISER_PATH = `${API_DOCS_PATH}/api-docs.js`;

function page(assets: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>SDR Enhancement System API</title>
    <link rel="stylesheet" href="${assets}/swagger-ui.css" />
    <link rel="stylesheet" href="${assets}/index.css" />
    <link rel="icon" type="image/png" href="${assets}/favicon-32x32.png" sizes="32x32" />
    <link rel="icon" type="image/png" href="${assets}/favicon-16x16.png" sizes="16x16" />
  </head>
  <body>
    <noscript>The API reference needs JavaScript. The OpenAPI document is at <a href="${OPENAPI_URL}">${OPENAPI_URL}</a>.</noscript>
    <div id="swagger-ui"></div>
    <script src="${assets}/swagger-ui-bundle.js"></script>
    <script src="${INITIALISER_PATH}"></script>
  </body>
</html>
`;
}

/**
 * Swagger UI on the service's own document, without its top bar (which loads any URL typed into it), without the
 * validator badge (which sends the document to validator.swagger.io) and without reading its configuration from
 * the page's query string. The key given in Authorize stays in the page's memory.
 */
const INITIALISER = `'use strict';
window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(OPENAPI_URL)},
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  deepLinking: true,
  validatorUrl: null,
  queryConfigEnabled: false,
  persistAuthorization: false,
  displayRequestDuration: true,
});
`;

/**
 * `/docs`: the API reference, Swagger UI rendering `/v1/openapi.json` in the browser, with every file served from
 * here (nothing from a CDN) under a policy that lets the page reach nothing but this service. Public, as the
 * document is; "Try it out" sends the key the user gives in Authorize.
 */
export function apiDocsRoutes(): Router {
  const { dir, version } = swaggerUiDist();
  const assets = swaggerUiAssetsPath(version);
  const html = page(assets);
  const served = new Set<string>(SWAGGER_UI_FILES);
  const router = Router();
  const fresh = (res: Response, type: string, body: string) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type(type).send(body);
  };

  router.use(API_DOCS_PATH, (_req, res, next) => {
    res.setHeader('Content-Security-Policy', API_DOCS_CSP);
    next();
  });
  // `/docs` and `/docs/` alike (routing is not strict).
  router.get(API_DOCS_PATH, (_req, res) => fresh(res, 'html', html));
  router.get(INITIALISER_PATH, (_req, res) => fresh(res, 'js', INITIALISER));
  router.get(`${API_DOCS_PATH}/swagger-ui/:version/:file`, (req, res, next) => {
    const { file } = req.params;
    if (req.params.version !== version || !served.has(file)) return next();
    res.sendFile(path.join(dir, file), { maxAge: '1y', immutable: true }, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });
  return router;
}
