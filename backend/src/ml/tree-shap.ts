import type { GbdtModel, Tree } from './gbdt.ts';

/**
 * Exact Shapley values of a tree ensemble's raw score for one prediction (TreeSHAP, Lundberg, Erion & Lee 2018,
 * algorithm 2): for each feature, its average marginal contribution over all orders in which features could be
 * revealed, with absent features integrated out along the training cover. The contributions add up exactly:
 * raw score = expectedValue + Σ contributions. Polynomial time (trees × leaves × depth²), not exponential.
 */

interface PathElement {
  feature: number;
  zero: number;
  one: number;
  weight: number;
}

function extend(path: PathElement[], zero: number, one: number, feature: number): PathElement[] {
  const l = path.length;
  const next = path.map((e) => ({ ...e }));
  next.push({ feature, zero, one, weight: l === 0 ? 1 : 0 });
  for (let i = l - 1; i >= 0; i -= 1) {
    const e = next[i] as PathElement;
    const after = next[i + 1] as PathElement;
    after.weight += (one * e.weight * (i + 1)) / (l + 1);
    e.weight = (zero * e.weight * (l - i)) / (l + 1);
  }
  return next;
}

function unwind(path: PathElement[], index: number): PathElement[] {
  const l = path.length - 1;
  const next = path.map((e) => ({ ...e }));
  const { one, zero } = next[index] as PathElement;
  let n = (next[l] as PathElement).weight;
  for (let j = l - 1; j >= 0; j -= 1) {
    const e = next[j] as PathElement;
    if (one !== 0) {
      const t = e.weight;
      e.weight = (n * (l + 1)) / ((j + 1) * one);
      n = t - (e.weight * zero * (l - j)) / (l + 1);
    } else {
      e.weight = (e.weight * (l + 1)) / (zero * (l - j));
    }
  }
  for (let j = index; j < l; j += 1) {
    const target = next[j] as PathElement;
    const source = next[j + 1] as PathElement;
    target.feature = source.feature;
    target.zero = source.zero;
    target.one = source.one;
  }
  next.pop();
  return next;
}

function unwoundSum(path: PathElement[], index: number): number {
  const l = path.length - 1;
  const { one, zero } = path[index] as PathElement;
  let total = 0;
  if (one !== 0) {
    let n = (path[l] as PathElement).weight;
    for (let j = l - 1; j >= 0; j -= 1) {
      const t = (n * (l + 1)) / ((j + 1) * one);
      total += t;
      n = (path[j] as PathElement).weight - (t * zero * (l - j)) / (l + 1);
    }
  } else {
    for (let j = l - 1; j >= 0; j -= 1) total += ((path[j] as PathElement).weight * (l + 1)) / (zero * (l - j));
  }
  return total;
}

function treeContributions(tree: Tree, x: ArrayLike<number>, phi: Float64Array): void {
  const recurse = (node: number, path: PathElement[], zero: number, one: number, feature: number) => {
    const extended = extend(path, zero, one, feature);
    const split = tree.feature[node] as number;
    if (split < 0) {
      const value = tree.value[node] as number;
      for (let i = 1; i < extended.length; i += 1) {
        const e = extended[i] as PathElement;
        phi[e.feature] = (phi[e.feature] as number) + unwoundSum(extended, i) * (e.one - e.zero) * value;
      }
      return;
    }
    const v = x[split] as number;
    const goesLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= (tree.threshold[node] as number);
    const hot = (goesLeft ? tree.left[node] : tree.right[node]) as number;
    const cold = (goesLeft ? tree.right[node] : tree.left[node]) as number;
    const cover = tree.cover[node] as number;
    let incomingZero = 1;
    let incomingOne = 1;
    let current = extended;
    const seen = current.findIndex((e, i) => i > 0 && e.feature === split);
    if (seen > 0) {
      incomingZero = (current[seen] as PathElement).zero;
      incomingOne = (current[seen] as PathElement).one;
      current = unwind(current, seen);
    }
    recurse(hot, current, (incomingZero * (tree.cover[hot] as number)) / cover, incomingOne, split);
    recurse(cold, current, (incomingZero * (tree.cover[cold] as number)) / cover, 0, split);
  };
  recurse(0, [], 1, 1, -1);
}

/** The model's average raw score over its training cover: what the contributions are measured from. */
export function expectedValue(model: GbdtModel): number {
  let total = model.baseScore;
  for (const tree of model.trees) {
    const mean = (node: number): number => {
      if ((tree.feature[node] as number) < 0) return tree.value[node] as number;
      const left = tree.left[node] as number;
      const right = tree.right[node] as number;
      const cl = tree.cover[left] as number;
      const cr = tree.cover[right] as number;
      return (mean(left) * cl + mean(right) * cr) / (cl + cr);
    };
    total += mean(0);
  }
  return total;
}

/** Per-feature contributions to the raw score (log-odds) of one row given as feature values in model order. */
export function contributions(model: GbdtModel, x: ArrayLike<number>): Float64Array {
  const phi = new Float64Array(model.featureCount);
  for (const tree of model.trees) treeContributions(tree, x, phi);
  return phi;
}
