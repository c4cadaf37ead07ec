import type { Table } from './table.ts';

/**
 * How each input column becomes a model feature. Numbers pass through. Categories become codes ordered by their
 * smoothed outcome rate on the training rows, so a tree's threshold on a code splits categories into a low-rate and
 * a high-rate group (the optimal binary partition for this loss); rare categories share one code and categories
 * never seen in training count as missing.
 */
export type FeatureSpec =
  | { name: string; label: string; kind: 'numeric' }
  | { name: string; label: string; kind: 'categorical'; codes: Record<string, number>; rare: number | null };

const RARE_COUNT = 5;
const SMOOTHING = 20;

export function fitEncoding(
  table: Table,
  labels: Uint8Array,
  trainRows: Uint32Array,
  labelOf: (name: string) => string,
): FeatureSpec[] {
  let positives = 0;
  for (const row of trainRows) positives += labels[row] as number;
  const prior = positives / Math.max(1, trainRows.length);
  return table.columns.map((column) => {
    const label = labelOf(column.name);
    if (column.kind === 'numeric') return { name: column.name, label, kind: 'numeric' };
    const stats = new Map<string, { n: number; pos: number }>();
    for (const row of trainRows) {
      const value = column.values[row];
      if (value === null || value === undefined) continue;
      const entry = stats.get(value) ?? { n: 0, pos: 0 };
      entry.n += 1;
      entry.pos += labels[row] as number;
      stats.set(value, entry);
    }
    const rate = (s: { n: number; pos: number }) => (s.pos + prior * SMOOTHING) / (s.n + SMOOTHING);
    const common = [...stats.entries()].filter(([, s]) => s.n >= RARE_COUNT);
    const rareStats = [...stats.values()]
      .filter((s) => s.n < RARE_COUNT)
      .reduce((a, s) => ({ n: a.n + s.n, pos: a.pos + s.pos }), { n: 0, pos: 0 });
    const groups: { key: string | null; rate: number }[] = common.map(([key, s]) => ({ key, rate: rate(s) }));
    if (rareStats.n > 0) groups.push({ key: null, rate: rate(rareStats) });
    groups.sort((a, b) => a.rate - b.rate || String(a.key).localeCompare(String(b.key)));
    const codes: Record<string, number> = {};
    let rare: number | null = null;
    groups.forEach((group, code) => {
      if (group.key === null) rare = code;
      else codes[group.key] = code;
    });
    // Rare categories seen in training take the shared code; the mapping keeps them by name.
    if (rare !== null) for (const [key, s] of stats) if (s.n < RARE_COUNT) codes[key] = rare;
    return { name: column.name, label, kind: 'categorical', codes, rare };
  });
}

/** Feature value of one raw input under its spec: NaN when missing or, for categories, unseen in training. */
export function encodeValue(spec: FeatureSpec, value: string | number | null | undefined): number {
  if (value === null || value === undefined) return NaN;
  if (spec.kind === 'numeric') return typeof value === 'number' ? value : NaN;
  const code = spec.codes[String(value)];
  return code === undefined ? NaN : code;
}

/** The feature matrix (column-major) of a table, in the order of the specs. */
export function encodeTable(specs: FeatureSpec[], table: Table): Float64Array[] {
  const byName = new Map(table.columns.map((column) => [column.name, column]));
  return specs.map((spec) => {
    const column = byName.get(spec.name);
    const out = new Float64Array(table.rows).fill(NaN);
    if (!column) return out;
    if (column.kind === 'numeric' && spec.kind === 'numeric') return Float64Array.from(column.values);
    if (column.kind === 'categorical' && spec.kind === 'categorical')
      for (let row = 0; row < table.rows; row += 1) out[row] = encodeValue(spec, column.values[row]);
    return out;
  });
}
