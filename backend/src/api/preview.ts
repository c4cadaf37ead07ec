import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { sendProblem } from './problems.ts';

/** Where `npm run build -w salesforce-package/preview` writes the preview. */
export const previewDistDir = fileURLToPath(new URL('../../../salesforce-package/preview/dist/', import.meta.url));

export const PREVIEW_PATH = '/preview';

/**
 * helmet's policy without `upgrade-insecure-requests`, which would send the page's own scripts to https on a service
 * reached over plain http by a host name. Styles stay inline-capable: LWC injects each component's <style> element.
 * Scripts come only from here; nothing needs eval.
 */
export const PREVIEW_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

/** True once the preview has been built, so the startup message can point at it. */
export function previewBuilt(dir: string = previewDistDir): boolean {
  return existsSync(path.join(dir, 'index.html'));
}

/**
 * `/preview`: the Salesforce package's components, compiled with LWC OSS, on a page that calls this API from the
 * browser with the key the user pastes (same origin, so no CORS). The folder is looked for on each request, so a
 * build made while the service runs is served without a restart.
 */
export function previewRoutes(options: { dir?: string } = {}): Router {
  const dir = options.dir ?? previewDistDir;
  const router = Router();
  const files = express.static(dir, {
    index: 'index.html',
    redirect: false,
    fallthrough: true,
    setHeaders: (res, file) => {
      // Chunk names carry a content hash; the page and its entry script do not, and must not be served stale.
      const hashed = file.includes(`${path.sep}chunks${path.sep}`);
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const notBuilt = (res: express.Response) =>
    sendProblem(res, 404, 'The preview is not built. Run `npm run build -w salesforce-package/preview`.');
  router.use(PREVIEW_PATH, (req, res, next) => {
    res.setHeader('Content-Security-Policy', PREVIEW_CSP);
    // The page itself at /preview too, not only at /preview/ (static files answer a bare folder with a redirect).
    if (req.path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
      if (!previewBuilt(dir)) return notBuilt(res);
      res.setHeader('Cache-Control', 'no-cache');
      return res.sendFile(path.join(dir, 'index.html'));
    }
    // The disk is asked whether there is a build only when a file is missing, not for every chunk served.
    files(req, res, () => (previewBuilt(dir) ? next() : notBuilt(res)));
  });
  return router;
}
