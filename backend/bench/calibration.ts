import { createHash } from 'node:crypto';
import os from 'node:os';

/**
 * What the machine a benchmark ran on can do, printed beside its figures so they can be compared across machines:
 * a fixed CPU task (SHA-256 over 256 MiB in one thread, best of three) with the machine's cores and Node version.
 */
export function cpuCalibration(): { sha256MiBps: number; line: string } {
  const block = Buffer.alloc(1 << 20, 7);
  let best = Infinity;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    const hash = createHash('sha256');
    for (let i = 0; i < 256; i += 1) hash.update(block);
    hash.digest();
    best = Math.min(best, performance.now() - started);
  }
  const sha256MiBps = 256 / (best / 1000);
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return {
    sha256MiBps,
    line: `machine: ${os.availableParallelism()} cores (${cpu}), Node ${process.version}, SHA-256 ${sha256MiBps.toFixed(0)} MiB/s in one thread`,
  };
}
