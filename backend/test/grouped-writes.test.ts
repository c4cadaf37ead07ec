import { GroupedWrites } from '../src/db/grouped-writes.ts';

describe('grouped writes', () => {
  it('runs a lone write at once, groups what arrives meanwhile by key, and fails a bad write alone', async () => {
    const runs: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const groups = new GroupedWrites<number, number>(async (key, writes) => {
      runs.push(`${key}:${writes.join(',')}`);
      if (runs.length === 1) await gate;
      if (writes.includes(13)) throw new Error('unlucky');
      return writes.map((w) => w * 10);
    });
    const first = groups.write('a', 1);
    // While the first is in flight, these queue: key a's go together, key b runs on its own at once.
    const later = [groups.write('a', 2), groups.write('a', 13), groups.write('a', 4), groups.write('b', 5)];
    release();
    const settled = await Promise.allSettled([first, ...later]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'failed'))).toEqual([10, 20, 'failed', 40, 50]);
    expect(runs).toEqual(['a:1', 'b:5', 'a:2,13,4', 'a:2', 'a:13', 'a:4']);
  });
});
