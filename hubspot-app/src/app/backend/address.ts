/**
 * Where the SDR service runs. HubSpot only lets cards call URLs listed in `permittedUrls.fetch` of app-hsmeta.json,
 * and only over HTTPS: set both to your service's public address before `hs project upload` (a test keeps the two
 * equal).
 */
export const BACKEND_URL = 'https://sdr-backend.example.com';

/** The service's routes for HubSpot: the `/v1` API, reached through signed `hubspot.fetch` requests. */
export const HUBSPOT_API_PREFIX = '/hubspot';
