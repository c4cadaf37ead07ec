import { parentPort, workerData } from 'node:worker_threads';
import type { OpenLoopRequest } from './open-loop.ts';

const { base, headers, requests, perSecond } = workerData as {
  base: string;
  headers: Record<string, string>;
  requests: OpenLoopRequest[];
  perSecond: number;
};
const latencies = new Array<number>(requests.length);
let failures = 0;
const started = performance.now();
const pending: Promise<void>[] = [];
for (let i = 0; i < requests.length; i += 1) {
  const due = started + (i * 1000) / perSecond;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const { method, path, body } = requests[i]!;
  pending.push(
    fetch(`${base}${path}`, { method, headers, body })
      .then(async (res) => {
        await res.arrayBuffer();
        if (!res.ok) failures += 1;
      })
      .catch(() => void (failures += 1))
      .finally(() => void (latencies[i] = performance.now() - due)),
  );
}
await Promise.all(pending);
const seconds = (performance.now() - started) / 1000;
parentPort!.postMessage({ latencies, failures, achievedPerSecond: requests.length / seconds });
