/**
 * Group commit, for writes that would otherwise each wait for their own commit (or their own turn at a lock): a
 * write submitted while another of the same key is in flight waits for it, then goes with every other write that
 * arrived meanwhile, in one call of `run` (one statement or transaction, one commit). Alone, a write runs at once;
 * under load, each commit carries many. `run` answers one result per write, in order. A group that fails is run
 * again write by write, so a bad write fails only itself.
 */
export class GroupedWrites<Write, Result> {
  private readonly run: (key: string, writes: Write[]) => Promise<Result[]>;
  private readonly maxGroup: number;
  private readonly waiting = new Map<string, Waiting<Write, Result>[]>();

  constructor(run: (key: string, writes: Write[]) => Promise<Result[]>, options: { maxGroup?: number } = {}) {
    this.run = run;
    this.maxGroup = options.maxGroup ?? Infinity;
  }

  write(key: string, write: Write): Promise<Result> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) {
        queue.push({ write, resolve, reject });
        return;
      }
      const started = [{ write, resolve, reject }];
      this.waiting.set(key, started);
      void this.drain(key, started);
    });
  }

  private async drain(key: string, queue: Waiting<Write, Result>[]): Promise<void> {
    try {
      while (queue.length > 0) {
        const group = queue.splice(0, this.maxGroup);
        try {
          const results = await this.run(
            key,
            group.map((w) => w.write),
          );
          group.forEach((w, i) => w.resolve(results[i] as Result));
        } catch (error) {
          if (group.length === 1) group[0]!.reject(error);
          else
            for (const w of group)
              await this.run(key, [w.write]).then(
                ([result]) => w.resolve(result as Result),
                (alone: unknown) => w.reject(alone),
              );
        }
      }
    } finally {
      // Nothing was awaited since the queue was last found empty: no write can have joined it meanwhile.
      this.waiting.delete(key);
    }
  }
}

interface Waiting<Write, Result> {
  write: Write;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}
