import { jest } from '@jest/globals';
import { ResponseCache } from '../../src/integrations/companies-house/index.ts';
import { rejectionOf, SimulatedTime } from './support.ts';

describe('ResponseCache', () => {
  it('answers from the cache until the time to live is over', async () => {
    const time = new SimulatedTime();
    const cache = new ResponseCache({ clock: time });
    const load = jest.fn(async () => `answer ${time.ms}`);

    const first = await cache.getOrLoad('k', load, () => 1_000);
    time.advance(999);
    const second = await cache.getOrLoad('k', load, () => 1_000);
    time.advance(1);
    const third = await cache.getOrLoad('k', load, () => 1_000);

    expect(first.hit).toBe(false);
    expect(second).toEqual({ value: first.value, hit: true });
    expect(third.hit).toBe(false);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('lets the value choose its time to live, and keeps nothing for 0', async () => {
    const cache = new ResponseCache({ clock: new SimulatedTime() });
    const load = jest.fn(async () => ({ found: false }));

    await cache.getOrLoad('k', load, (value) => (value.found ? 1_000 : 0));
    await cache.getOrLoad('k', load, (value) => (value.found ? 1_000 : 0));

    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it('shares one load between identical requests made while it runs', async () => {
    const cache = new ResponseCache({ clock: new SimulatedTime() });
    let finish!: (value: string) => void;
    const load = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));

    const calls = [cache.getOrLoad('k', load, () => 1_000), cache.getOrLoad('k', load, () => 1_000)];
    finish('shared');
    const [a, b] = await Promise.all(calls);

    expect(load).toHaveBeenCalledTimes(1);
    expect(a).toEqual({ value: 'shared', hit: false });
    expect(b).toEqual({ value: 'shared', hit: true });
  });

  it('keeps no failure: every waiter sees it, and the next call loads again', async () => {
    const cache = new ResponseCache({ clock: new SimulatedTime() });
    const load = jest.fn(async (): Promise<string> => {
      throw new Error('register down');
    });

    const failures = await Promise.all([
      rejectionOf(cache.getOrLoad('k', load, () => 1_000)),
      rejectionOf(cache.getOrLoad('k', load, () => 1_000)),
    ]);
    expect(failures.map((error) => (error as Error).message)).toEqual(['register down', 'register down']);
    expect(load).toHaveBeenCalledTimes(1);

    const recovered = await cache.getOrLoad(
      'k',
      async () => 'up again',
      () => 1_000,
    );
    expect(recovered).toEqual({ value: 'up again', hit: false });
  });

  it('drops the least recently used entry when full', async () => {
    const cache = new ResponseCache({ maxEntries: 2, clock: new SimulatedTime() });
    const put = (key: string) =>
      cache.getOrLoad(
        key,
        async () => key,
        () => 60_000,
      );

    await put('a');
    await put('b');
    await put('a'); // a is now the most recently used
    await put('c'); // evicts b

    expect(cache.size).toBe(2);
    expect((await put('a')).hit).toBe(true);
    expect((await put('c')).hit).toBe(true);
    expect((await put('b')).hit).toBe(false);
  });

  it('refuses a size that cannot hold anything', () => {
    expect(() => new ResponseCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
