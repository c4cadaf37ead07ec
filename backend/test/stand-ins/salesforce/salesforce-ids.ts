/**
 * Salesforce record ids: a 3-character key prefix naming the object, two characters of pod, a reserved character
 * and nine base-62 digits, made 18 characters long by the case-safe suffix Salesforce computes from the case of
 * the first 15. Ids from one allocator are issued in ascending order, as a real org's are, so ORDER BY Id follows
 * insertion order.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** The 18-character form of a 15- or 18-character id, or null when it is not shaped like a Salesforce id. */
export function toId18(id: string): string | null {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?$/.test(id)) return null;
  const id15 = id.slice(0, 15);
  const id18 = id15 + caseSafeSuffix(id15);
  // The suffix of an 18-character id is case-insensitive by design; a wrong one means a mangled id.
  return id.length === 18 && id.slice(15).toUpperCase() !== id18.slice(15) ? null : id18;
}

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

/** An id that no other allocator will hand out: for org ids, which must differ between stand-ins. */
export function randomId(keyPrefix: string): string {
  const id15 = `${keyPrefix}5g0${base62(Math.floor(Math.random() * 62 ** 9), 9)}`;
  return id15 + caseSafeSuffix(id15);
}

export class IdAllocator {
  readonly #pod: string;
  readonly #counters = new Map<string, number>();

  constructor(pod = '5g') {
    this.#pod = pod;
  }

  next(keyPrefix: string): string {
    const id = this.peek(keyPrefix);
    this.#counters.set(keyPrefix, (this.#counters.get(keyPrefix) ?? 0) + 1);
    return id;
  }

  /** The id `next` will return for the prefix. */
  peek(keyPrefix: string): string {
    const id15 = `${keyPrefix}${this.#pod}0${base62((this.#counters.get(keyPrefix) ?? 0) + 1, 9)}`;
    return id15 + caseSafeSuffix(id15);
  }
}
