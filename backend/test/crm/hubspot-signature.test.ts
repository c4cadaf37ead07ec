import { Signature } from '@hubspot/api-client';
import { randomBytes } from 'node:crypto';
import { computeSignature, signedUri, verifySignature } from '../../src/integrations/crm/hubspot/signature.ts';

const secret = 'a1b2c3d4-e5f6-4789-9abc-def012345678';
const now = Date.now();

function sdkVerdict(request: { method: string; uri: string; rawBody: string; signature: string; timestamp: string }) {
  return Signature.isValid({
    signatureVersion: 'v3',
    method: request.method,
    url: signedUri(request.uri),
    requestBody: request.rawBody,
    clientSecret: secret,
    signature: request.signature,
    timestamp: Number(request.timestamp),
  });
}

function signedBySdk(request: { method: string; uri: string; rawBody: string; timestamp: string }) {
  return Signature.getSignature(request.method, 'v3', {
    url: signedUri(request.uri),
    requestBody: request.rawBody,
    clientSecret: secret,
    timestamp: Number(request.timestamp),
  } as Parameters<typeof Signature.getSignature>[2]);
}

describe('HubSpot signature v3', () => {
  const base = {
    method: 'POST',
    uri: 'https://sdr.example.com/webhooks/hubspot',
    rawBody: JSON.stringify([{ eventId: 1, portalId: 62515, subscriptionType: 'contact.creation', objectId: 123 }]),
    timestamp: String(now - 1_000),
  };

  it('agrees with the SDK on valid and tampered requests', () => {
    const random = () => randomBytes(6).toString('hex');
    for (let i = 0; i < 200; i += 1) {
      const request = {
        method: i % 3 ? 'POST' : 'GET',
        uri: `https://sdr.example.com/v1/leads/${random()}?portalId=${i}&q=${random()}`,
        rawBody: i % 3 ? JSON.stringify({ n: i, text: random() }) : '',
        timestamp: String(now - i * 1000),
      };
      const signature = signedBySdk(request);
      const tampered = [
        { ...request, signature },
        { ...request, signature, rawBody: `${request.rawBody} ` },
        { ...request, signature, uri: `${request.uri}x` },
        { ...request, signature, method: request.method === 'POST' ? 'PUT' : 'POST' },
        { ...request, signature, timestamp: String(Number(request.timestamp) - 1) },
        { ...request, signature: `${signature.slice(0, -2)}==` },
      ];
      for (const candidate of tampered)
        expect(verifySignature(secret, candidate, now).valid).toBe(sdkVerdict(candidate));
      expect(verifySignature(secret, tampered[0]!, now).valid).toBe(true);
    }
  });

  it('computes the same signature as the SDK', () => {
    expect(computeSignature(secret, base)).toBe(signedBySdk(base));
  });

  it('decodes the characters HubSpot decodes in the URI, and only those', () => {
    expect(signedUri('https://x.example/a%3Ab%2Fc%3fd%40e%21f%24g%27h%28i%29j%2Ak%2Cl%3Bm%20n%2B')).toBe(
      "https://x.example/a:b/c?d@e!f$g'h(i)j*k,l;m%20n%2B",
    );
    const request = { ...base, uri: 'https://sdr.example.com/v1/research?company=Acme%2C%20Ltd%3A%20UK' };
    // HubSpot signs the decoded form, so a request signed that way passes although its URI arrives encoded.
    expect(verifySignature(secret, { ...request, signature: signedBySdk(request) }, now)).toEqual({ valid: true });
  });

  it('rejects stale and future timestamps, where the SDK throws or accepts', () => {
    const stale = { ...base, timestamp: String(now - 5 * 60_000 - 1) };
    const staleSigned = { ...stale, signature: signedBySdk(stale) };
    expect(verifySignature(secret, staleSigned, now)).toEqual({ valid: false, reason: 'stale' });
    expect(() => sdkVerdict(staleSigned)).toThrow(/Timestamp is invalid/);

    const future = { ...base, timestamp: String(now + 60_000) };
    const futureSigned = { ...future, signature: signedBySdk(future) };
    expect(verifySignature(secret, futureSigned, now)).toEqual({ valid: false, reason: 'future' });
    expect(sdkVerdict(futureSigned)).toBe(true);
  });

  it('rejects missing headers and malformed timestamps without computing anything', () => {
    expect(verifySignature(secret, { ...base, signature: undefined }, now)).toEqual({
      valid: false,
      reason: 'missing',
    });
    expect(verifySignature(secret, { ...base, signature: 'x', timestamp: '12abc' }, now)).toEqual({
      valid: false,
      reason: 'malformed timestamp',
    });
  });
});
