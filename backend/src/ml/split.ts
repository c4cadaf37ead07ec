import { seededRandom, shuffle } from './random.ts';

export interface Split {
  train: Uint32Array;
  test: Uint32Array;
}

/**
 * Stratified split of row indices: each class keeps its share in both parts, so a rare positive class is never
 * missing from the hold-out. The same labels and seed always give the same split.
 */
export function stratifiedSplit(labels: ArrayLike<number>, testShare: number, seed: number): Split {
  const random = seededRandom(seed);
  const byClass: number[][] = [[], []];
  for (let i = 0; i < labels.length; i += 1) (byClass[labels[i] === 1 ? 1 : 0] as number[]).push(i);
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of byClass) {
    shuffle(rows, random);
    const cut = Math.round(rows.length * testShare);
    test.push(...rows.slice(0, cut));
    train.push(...rows.slice(cut));
  }
  return { train: Uint32Array.from(train.sort((a, b) => a - b)), test: Uint32Array.from(test.sort((a, b) => a - b)) };
}

/** Splits a subset of rows (given by index) again, stratified on the same labels. */
export function stratifiedSubsplit(rows: Uint32Array, labels: ArrayLike<number>, share: number, seed: number): Split {
  const sub = Array.from(rows, (row) => labels[row] as number);
  const inner = stratifiedSplit(sub, share, seed);
  return { train: inner.train.map((i) => rows[i] as number), test: inner.test.map((i) => rows[i] as number) };
}
