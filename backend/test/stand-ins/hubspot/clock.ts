export type Now = () => Date;

// Writes are stamped from here: HubSpot never hands out the same modification time twice for successive writes,
// and incremental sync (`lastmodifieddate GT cursor`) relies on that.
export class Clock {
  readonly #now: Now;
  #lastStamp = Number.NEGATIVE_INFINITY;

  constructor(now: Now) {
    this.#now = now;
  }

  now(): Date {
    return this.#now();
  }

  nowMs(): number {
    return this.#now().getTime();
  }

  stamp(): Date {
    const ms = Math.max(this.nowMs(), this.#lastStamp + 1);
    this.#lastStamp = ms;
    return new Date(ms);
  }
}
