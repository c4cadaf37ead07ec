import { Worker } from 'node:worker_threads';

export interface OpenLoopRequest {
  method: string;
  path: string;
  body?: string;
}

export interface OpenLoopResult {
  /** Milliseconds from each request's due time to its answer, in send order. */
  latencies: number[];
  failures: number;
  achievedPerSecond: number;
}

/**
 * Sends `requests` at a fixed rate from a worker thread, so the load generator's own work (HTTP client, JSON) runs
 * beside the service, not in its event loop. Open loop: a request starts when it is due whether or not earlier ones
 * have answered, as real clients do, and its latency counts from when it was due (a late start is the service's
 * fault too: coordinated omission).
 */
export function openLoop(options: {
  base: string;
  headers: Record<string, string>;
  requests: OpenLoopRequest[];
  perSecond: number;
}): Promise<OpenLoopResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./open-loop-worker.ts', import.meta.url), { workerData: options });
    worker.once('message', (result: OpenLoopResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
