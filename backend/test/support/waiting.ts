import type { JobContext } from '../../src/jobs/queue.ts';

/** Polls `probe` until it gives a value, for work that happens in the background. */
export async function until<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What a job handler receives, for calling one directly. */
export function jobContext(tenantId: string): JobContext {
  return { tenantId, jobId: 'test', attempt: 1, signal: new AbortController().signal, reportProgress: async () => {} };
}
