import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * Seals secrets (CRM tokens) for storage with AES-256-GCM: a fresh 96-bit nonce per seal, and the tag checked on
 * open, so a tampered or truncated value fails loudly instead of decrypting to garbage. Each sealed value names the
 * key that sealed it (a short hash of the key, never the key), so keys can be rotated: seal with the current key,
 * open with the current or a previous one.
 */
const VERSION = 'v1';

export class SecretBoxError extends Error {}

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new SecretBoxError('must be 32 bytes, as 64 hex digits or base64');
  return key;
}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

export class SecretBox {
  private readonly current: Buffer;
  private readonly byId: Map<string, Buffer>;

  constructor(current: Buffer, previous: Buffer[] = []) {
    this.current = current;
    this.byId = new Map([current, ...previous].map((key) => [keyId(key), key]));
  }

  seal(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      VERSION,
      keyId(this.current),
      nonce.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  open(sealed: string): string {
    const [version, id, nonce, tag, body] = sealed.split('.');
    if (version !== VERSION || !id || !nonce || !tag || body === undefined)
      throw new SecretBoxError('not a sealed secret');
    const key = this.byId.get(id);
    if (!key)
      throw new SecretBoxError('sealed with a key that is not configured (ENCRYPTION_KEY or ENCRYPTION_KEY_PREVIOUS)');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('sealed secret failed its integrity check');
    }
  }

  /**
   * A tamper-evident (not secret) token: the payload readable, with a MAC from a key derived for this purpose only
   * ('oauth-state', 'call-stream'), so a token made for one use is refused by every other, and can never pass as a
   * sealed secret or the other way round.
   */
  sign(payload: string, purpose: string): string {
    return `${Buffer.from(payload).toString('base64url')}.${this.mac(this.current, purpose, payload)}`;
  }

  /** The payload of a token made by `sign` for this purpose with any configured key, or null when it was not. */
  verify(token: string, purpose: string): string | null {
    const [encoded, mac] = token.split('.');
    if (!encoded || !mac) return null;
    const payload = Buffer.from(encoded, 'base64url').toString('utf8');
    for (const key of this.byId.values()) {
      const expected = Buffer.from(this.mac(key, purpose, payload));
      const given = Buffer.from(mac);
      if (expected.length === given.length && timingSafeEqual(expected, given)) return payload;
    }
    return null;
  }

  private mac(key: Buffer, purpose: string, payload: string): string {
    const macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `sdr signed tokens: ${purpose}`, 32));
    return createHmac('sha256', macKey).update(payload).digest('base64url');
  }

  sealJson(value: unknown): string {
    return this.seal(JSON.stringify(value));
  }

  openJson<T>(sealed: string): T {
    return JSON.parse(this.open(sealed)) as T;
  }
}
