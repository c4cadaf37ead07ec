import type { GbdtModel, Tree } from './gbdt.ts';

/**
 * Exact Shapley values of a tree ensemble's raw score for one prediction (TreeSHAP, Lundberg, Erion & Lee 2018,
 * algorithm 2): for each feature, its average marginal contribution over all orders in which features could be
 * revealed, with absent features integrated out along the training cover. The contributions add up exactly:
 * raw score = expectedValue + Σ contributions. Polynomial time (trees × leaves × depth²), not exponential.
 */

/**
 * The path of features on the way to a node, kept in flat typed arrays: each recursion level works on its own copy
 * further along the same buffers (as the reference implementation does), so explaining a prediction allocates
 * nothing per node.
 */
interface Paths {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
}

function allocate(depth: number): Paths {
  const size = ((depth + 2) * (depth + 3)) / 2 + depth + 2;
  return {
    feature: new Int32Array(size),
    zero: new Float64Array(size),
    one: new Float64Array(size),
    weight: new Float64Array(size),
  };
}

function extend(p: Paths, at: number, depth: number, zero: number, one: number, feature: number): void {
  p.feature[at + depth] = feature;
  p.zero[at + depth] = zero;
  p.one[at + depth] = one;
  p.weight[at + depth] = depth === 0 ? 1 : 0;
  const w = p.weight;
  for (let i = depth - 1; i >= 0; i -= 1) {
    w[at + i + 1] = (w[at + i + 1] as number) + (one * (w[at + i] as number) * (i + 1)) / (depth + 1);
    w[at + i] = (zero * (w[at + i] as number) * (depth - i)) / (depth + 1);
  }
}

function unwind(p: Paths, at: number, depth: number, index: number): void {
  const one = p.one[at + index] as number;
  const zero = p.zero[at + index] as number;
  const w = p.weight;
  let next = w[at + depth] as number;
  for (let i = depth - 1; i >= 0; i -= 1) {
    if (one !== 0) {
      const t = w[at + i] as number;
      w[at + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = t - ((w[at + i] as number) * zero * (depth - i)) / (depth + 1);
    } else {
      w[at + i] = ((w[at + i] as number) * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i += 1) {
    p.feature[at + i] = p.feature[at + i + 1] as number;
    p.zero[at + i] = p.zero[at + i + 1] as number;
    p.one[at + i] = p.one[at + i + 1] as number;
  }
}

function unwoundSum(p: Paths, at: number, depth: number, index: number): number {
  const one = p.one[at + index] as number;
  const zero = p.zero[at + index] as number;
  const w = p.weight;
  let total = 0;
  if (one !== 0) {
    let next = w[at + depth] as number;
    for (let i = depth - 1; i >= 0; i -= 1) {
      const t = (next * (depth + 1)) / ((i + 1) * one);
      total += t;
      next = (w[at + i] as number) - (t * zero * (depth - i)) / (depth + 1);
    }
  } else {
    for (let i = depth - 1; i >= 0; i -= 1) total += ((w[at + i] as number) * (depth + 1)) / (zero * (depth - i));
  }
  return total;
}

function treeDepth(tree: Tree, node = 0): number {
  if ((tree.feature[node] as number) < 0) return 0;
  return 1 + Math.max(treeDepth(tree, tree.left[node] as number), treeDepth(tree, tree.right[node] as number));
}

function recurse(
  tree: Tree,
  x: ArrayLike<number>,
  phi: Float64Array,
  p: Paths,
  node: number,
  parentAt: number,
  uniqueDepth: number,
  zero: number,
  one: number,
  feature: number,
): void {
  // This level's copy of the path starts right after the parent's.
  const at = parentAt + uniqueDepth + 1;
  let depth = uniqueDepth;
  const pf = p.feature;
  const pz = p.zero;
  const po = p.one;
  const pw = p.weight;
  for (let i = 0; i <= depth; i += 1) {
    pf[at + i] = pf[parentAt + i] as number;
    pz[at + i] = pz[parentAt + i] as number;
    po[at + i] = po[parentAt + i] as number;
    pw[at + i] = pw[parentAt + i] as number;
  }
  extend(p, at, depth, zero, one, feature);
  const split = tree.feature[node] as number;
  if (split < 0) {
    const value = tree.value[node] as number;
    for (let i = 1; i <= depth; i += 1) {
      const f = pf[at + i] as number;
      phi[f] =
        (phi[f] as number) + unwoundSum(p, at, depth, i) * ((po[at + i] as number) - (pz[at + i] as number)) * value;
    }
    return;
  }
  const v = x[split] as number;
  const goesLeft = v !== v ? tree.missingLeft[node] === 1 : v <= (tree.threshold[node] as number);
  const hot = (goesLeft ? tree.left[node] : tree.right[node]) as number;
  const cold = (goesLeft ? tree.right[node] : tree.left[node]) as number;
  const cover = tree.cover[node] as number;
  let incomingZero = 1;
  let incomingOne = 1;
  for (let i = 1; i <= depth; i += 1)
    if (pf[at + i] === split) {
      incomingZero = pz[at + i] as number;
      incomingOne = po[at + i] as number;
      unwind(p, at, depth, i);
      depth -= 1;
      break;
    }
  recurse(
    tree,
    x,
    phi,
    p,
    hot,
    at,
    depth + 1,
    (incomingZero * (tree.cover[hot] as number)) / cover,
    incomingOne,
    split,
  );
  recurse(tree, x, phi, p, cold, at, depth + 1, (incomingZero * (tree.cover[cold] as number)) / cover, 0, split);
}

function treeContributions(tree: Tree, x: ArrayLike<number>, phi: Float64Array, p: Paths): void {
  // The root starts the path with a placeholder element for "no feature yet".
  recurse(tree, x, phi, p, 0, 0, 0, 1, 1, -1);
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

/**
 * A tree's contributions depend on the row only through the side it takes at each split, so rows that take the same
 * sides share them exactly. The cache keeps, per tree, the contributions of each pattern of sides seen (a bit per
 * split); leads of one tenant fall into few patterns, so explaining a large batch costs little more than predicting it.
 */
export class ShapCache {
  readonly perTree = new Map<Tree, Map<number, { features: Int32Array; values: Float64Array }>>();
  static readonly MAX_PATTERNS = 8192;
}

const MAX_CACHED_SPLITS = 30;

/** A tree's splits alone, in node order, in typed arrays: what a row's pattern of sides is read from. */
interface Splits {
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
}

function splitsOf(tree: Tree): Splits {
  const inner = tree.feature.flatMap((f, node) => (f >= 0 ? [node] : []));
  return {
    feature: Int32Array.from(inner, (node) => tree.feature[node] as number),
    threshold: Float64Array.from(inner, (node) => tree.threshold[node] as number),
    missingLeft: Uint8Array.from(inner, (node) => tree.missingLeft[node] as number),
  };
}

function pattern(splits: Splits, x: ArrayLike<number>): number {
  const { feature, threshold, missingLeft } = splits;
  let bits = 0;
  for (let bit = 0; bit < feature.length; bit += 1) {
    const v = x[feature[bit] as number] as number;
    const left = v !== v ? missingLeft[bit] === 1 : v <= (threshold[bit] as number);
    if (left) bits |= 1 << bit;
  }
  return bits;
}

/**
 * What explaining any row of a model needs besides the row: the path buffers (sized for its deepest tree) and which
 * trees are small enough to cache. Worked out once per model, not per row: on a rescore of a whole tenant it was a
 * sixth of the explaining.
 */
interface Prepared {
  paths: Paths;
  scratch: Float64Array;
  /** The splits of each tree small enough to cache by pattern; null for the others. */
  cacheable: (Splits | null)[];
}
const prepared = new WeakMap<GbdtModel, Prepared>();

function prepare(model: GbdtModel): Prepared {
  let ready = prepared.get(model);
  if (!ready) {
    const depth = model.trees.reduce((max, tree) => Math.max(max, treeDepth(tree)), 0);
    ready = {
      paths: allocate(depth + 1),
      scratch: new Float64Array(model.featureCount),
      cacheable: model.trees.map((tree) => {
        const splits = splitsOf(tree);
        return splits.feature.length <= MAX_CACHED_SPLITS ? splits : null;
      }),
    };
    prepared.set(model, ready);
  }
  return ready;
}

/** Per-feature contributions to the raw score (log-odds) of one row given as feature values in model order. */
export function contributions(model: GbdtModel, x: ArrayLike<number>, cache?: ShapCache): Float64Array {
  const phi = new Float64Array(model.featureCount);
  const { paths, scratch, cacheable } = prepare(model);
  for (let t = 0; t < model.trees.length; t += 1) {
    const tree = model.trees[t] as Tree;
    const splits = cacheable[t];
    if (!cache || !splits) {
      treeContributions(tree, x, phi, paths);
      continue;
    }
    let patterns = cache.perTree.get(tree);
    if (!patterns) cache.perTree.set(tree, (patterns = new Map()));
    const key = pattern(splits, x);
    let entry = patterns.get(key);
    if (!entry) {
      scratch.fill(0);
      treeContributions(tree, x, scratch, paths);
      const features: number[] = [];
      const values: number[] = [];
      scratch.forEach((value, feature) => {
        if (value !== 0) {
          features.push(feature);
          values.push(value);
        }
      });
      entry = { features: Int32Array.from(features), values: Float64Array.from(values) };
      if (patterns.size < ShapCache.MAX_PATTERNS) patterns.set(key, entry);
    }
    for (let i = 0; i < entry.features.length; i += 1) {
      const f = entry.features[i] as number;
      phi[f] = (phi[f] as number) + (entry.values[i] as number);
    }
  }
  return phi;
}
