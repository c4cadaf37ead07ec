import { randomBytes } from 'node:crypto';
import { parseKey, SecretBox, SecretBoxError } from '../../src/security/secret-box.ts';

describe('sealed secrets', () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);
  const tokens = { accessToken: '00D5g000000abcd!AQ0AQ.secret', refreshToken: '5Aep861secret', issuedAt: 1 };

  it('round-trips, and never shows the secret in the sealed text', () => {
    const sealed = box.sealJson(tokens);
    expect(sealed).not.toContain('secret');
    expect(box.openJson(sealed)).toEqual(tokens);
    // A fresh nonce each time: sealing twice never gives the same text.
    expect(box.sealJson(tokens)).not.toBe(sealed);
  });

  it('refuses tampered, truncated and foreign values', () => {
    const sealed = box.seal('hello');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([...parts.slice(0, 4), flipped.toString('base64url')].join('.'))).toThrow('integrity check');
    expect(() => box.open(sealed.slice(0, -3))).toThrow(SecretBoxError);
    expect(() => box.open('hello')).toThrow('not a sealed secret');
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow('not configured');
  });

  it('opens values sealed with a previous key after a rotation', () => {
    const sealed = box.seal('old');
    const rotated = new SecretBox(randomBytes(32), [key]);
    expect(rotated.open(sealed)).toBe('old');
    expect(rotated.open(rotated.seal('new'))).toBe('new');
  });

  it('signs tokens for one purpose only, refusing them altered, for another purpose or as a sealed secret', () => {
    const token = box.sign('{"callId":"c1"}', 'call-stream');
    expect(box.verify(token, 'call-stream')).toBe('{"callId":"c1"}');
    expect(box.verify(token, 'oauth-state')).toBeNull();
    const [payload, mac] = token.split('.');
    expect(box.verify(`${Buffer.from('{"callId":"c2"}').toString('base64url')}.${mac}`, 'call-stream')).toBeNull();
    expect(box.verify(`${payload}.`, 'call-stream')).toBeNull();
    expect(() => box.open(token)).toThrow(SecretBoxError);
    // Still good after a key rotation, with the old key kept as previous.
    expect(new SecretBox(randomBytes(32), [key]).verify(token, 'call-stream')).toBe('{"callId":"c1"}');
  });

  it('reads keys as hex or base64, and refuses other lengths', () => {
    expect(parseKey(key.toString('hex'))).toEqual(key);
    expect(parseKey(key.toString('base64'))).toEqual(key);
    expect(() => parseKey('c2hvcnQ=')).toThrow('32 bytes');
  });
});
