import type { Request } from 'express';
import type { Config } from '../config.ts';
import { verifySignature } from '../integrations/crm/hubspot/signature.ts';
import { HttpProblem } from './problems.ts';

/**
 * Refuses a request HubSpot did not sign (webhook deliveries and the app's hubspot.fetch calls alike) and returns its
 * raw body, read before anything is parsed: the signature covers the exact bytes and the public URI.
 */
export function signedByHubSpot(
  req: Request,
  config: Pick<Config, 'publicUrl' | 'hubspot'>,
  now: Date,
  what: 'HubSpot webhooks' | 'HubSpot app requests',
): string {
  const secret = config.hubspot.clientSecret;
  if (!secret) throw new HttpProblem(503, `${what} are not configured on this service: set HUBSPOT_CLIENT_SECRET`);
  const rawBody = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  const base = config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
  const verdict = verifySignature(
    secret,
    {
      method: req.method,
      uri: `${base}${req.originalUrl}`,
      rawBody,
      signature: req.get('x-hubspot-signature-v3'),
      timestamp: req.get('x-hubspot-request-timestamp'),
    },
    now.getTime(),
  );
  if (!verdict.valid)
    throw new HttpProblem(401, `The request signature is not valid (${verdict.reason})`, [
      { field: 'headers.x-hubspot-signature-v3', message: verdict.reason },
    ]);
  return rawBody;
}
