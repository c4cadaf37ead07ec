import { Router } from 'express';
import { buildOpenApiDocument, routes } from '@sdr/shared';
import type { Database } from '../../db/connect.ts';
import { migrationStatus } from '../../db/migrate.ts';
import { publicRoute } from '../route.ts';

export function operationRoutes(db: Database, options: { version: string; publicUrl?: string | undefined }): Router {
  const router = Router();
  const openApi = buildOpenApiDocument({ version: options.version, serverUrl: options.publicUrl });

  publicRoute(router, routes.health, async () => ({ status: 200, body: { status: 'ok' } }));

  publicRoute(router, routes.readiness, async ({ req }) => {
    let database = false;
    let migrations = false;
    try {
      const status = await migrationStatus(db.pool);
      database = true;
      migrations = status.pending.length === 0;
    } catch (error) {
      req.log.warn({ err: error }, 'readiness check failed');
    }
    const ready = database && migrations;
    return {
      status: ready ? 200 : 503,
      body: { status: ready ? 'ok' : 'unavailable', checks: { database, migrations } },
    };
  });

  publicRoute(router, routes.openApi, async () => ({ status: 200, body: openApi }));
  return router;
}
