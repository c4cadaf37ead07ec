import { Router } from 'express';
import type { CallPlatforms } from '../../integrations/calls/platforms.ts';
import { recordingUploads } from '../../integrations/calls/upload/recording-uploads.ts';
import type { RequestTenant } from '../auth.ts';
import { assertReferencesExist } from '../references.ts';

/**
 * `POST /v1/calls/recordings`: a recorded call's audio as the body (`audio/*`, up to 25 MB), transcribed and stored as
 * a finished call. The lead and user it names are checked before the audio is sent anywhere, so a typo costs no
 * transcription. Outside the JSON contract: its body is audio.
 */
export function recordingRoutes(deps: { platforms: CallPlatforms }): Router {
  const router = Router();
  router.post('/v1/calls/recordings', async (req, res, next) => {
    const tenant = res.locals.tenant as RequestTenant;
    const db = tenant.db.client;
    const { leadId, userId } = req.query;
    try {
      if (typeof leadId === 'string') await assertReferencesExist(db, 'lead', [{ field: 'query.leadId', id: leadId }]);
      if (typeof userId === 'string') await assertReferencesExist(db, 'user', [{ field: 'query.userId', id: userId }]);
      next();
    } catch (error) {
      next(error);
    }
  });
  router.use(recordingUploads({ speech: deps.platforms.speech, sink: deps.platforms.sink }));
  return router;
}
