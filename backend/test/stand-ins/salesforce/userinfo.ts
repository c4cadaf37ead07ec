import type express from 'express';
import type { Org } from './org.ts';
import { bearerToken } from './rest-api.ts';

/** `/services/oauth2/userinfo` (OpenID Connect): who the access token belongs to, as sf asks on login. */
export function userInfoRoute(org: Org): express.RequestHandler {
  return (req, res) => {
    const token = bearerToken(req);
    const session = token ? org.sessions.find(token) : undefined;
    if (!session) {
      res.status(403).type('text/plain').send('Bad_OAuth_Token');
      return;
    }
    const v = org.findUser(session.userId)!.values;
    res.json({
      sub: `${org.url()}/id/${org.orgId}/${String(v.Id)}`,
      user_id: v.Id,
      organization_id: org.orgId,
      preferred_username: v.Username,
      nickname: String(v.Username).split('@')[0],
      name: v.Name,
      email: v.Email,
      email_verified: true,
      given_name: v.FirstName,
      family_name: v.LastName,
      zoneinfo: v.TimeZoneSidKey,
      active: v.IsActive,
      user_type: 'STANDARD',
      language: v.LanguageLocaleKey,
      locale: v.LocaleSidKey,
      utcOffset: 0,
      updated_at: v.LastModifiedDate,
      is_app_installed: true,
    });
  };
}
