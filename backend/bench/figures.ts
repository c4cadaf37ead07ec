export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
