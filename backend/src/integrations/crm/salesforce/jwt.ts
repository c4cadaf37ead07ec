import { createSign } from 'node:crypto';

/**
 * The assertion of Salesforce's OAuth 2.0 JWT bearer flow: the connected app's certificate key signs a short-lived
 * claim that it acts as `username`, so an integration user connects without a browser or a stored refresh token.
 */
export function jwtAssertion(input: {
  clientId: string;
  username: string;
  /** The login URL the token is requested from (the audience). */
  audience: string;
  privateKeyPem: string;
  now: number;
}): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'RS256', typ: 'JWT' });
  // Salesforce accepts an expiry at most three minutes out.
  const claims = encode({
    iss: input.clientId,
    sub: input.username,
    aud: input.audience,
    exp: Math.floor(input.now / 1000) + 170,
  });
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(input.privateKeyPem, 'base64url');
  return `${header}.${claims}.${signature}`;
}
