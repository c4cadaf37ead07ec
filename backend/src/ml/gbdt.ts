import { seededRandom } from './random.ts';

/**
 * Histogram gradient-boosted decision trees for binary outcomes (log loss), in the manner of LightGBM and
 * scikit-learn's HistGradientBoosting: features are bucketed into at most 255 quantile bins once, each tree grows
 * level by level choosing splits from per-node gradient histograms (the larger child's histogram is the parent's
 * minus the smaller child's), missing values learn their own direction at every split, and training stops early
 * when the validation loss stops improving.
 *
 * Features are numbers; NaN means missing. Categorical values arrive as codes ordered by their target rate (see
 * encoding.ts), so a threshold on the code is a split of the categories into a low-rate and a high-rate group.
 */

export interface GbdtParams {
  maxRounds: number;
  learningRate: number;
  maxDepth: number;
  minLeafRows: number;
  minLeafHessian: number;
  l2: number;
  rowSample: number;
  featureSample: number;
  maxBins: number;
  earlyStoppingRounds: number;
  seed: number;
}

export const defaultGbdtParams: GbdtParams = {
  maxRounds: 600,
  learningRate: 0.1,
  maxDepth: 4,
  minLeafRows: 20,
  minLeafHessian: 1e-3,
  l2: 1,
  rowSample: 0.8,
  featureSample: 0.8,
  maxBins: 255,
  earlyStoppingRounds: 80,
  seed: 42,
};

/** One tree in flat arrays; node 0 is the root, a leaf has feature -1. */
export interface Tree {
  feature: number[];
  threshold: number[];
  /** 1 when missing values go left. */
  missingLeft: number[];
  left: number[];
  right: number[];
  /** Leaf output (already scaled by the learning rate); for inner nodes, the value the node would have as a leaf. */
  value: number[];
  /** Training rows that reached the node (TreeSHAP's cover). */
  cover: number[];
}

export interface GbdtModel {
  baseScore: number;
  trees: Tree[];
  featureCount: number;
  /** Sum of split gains per feature, a global importance. */
  gain: number[];
}

export interface TrainingData {
  /** Column-major features: columns[f][row], NaN for missing. */
  columns: Float64Array[];
  labels: Uint8Array;
}

export interface GbdtProgress {
  round: number;
  validationLoss: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

interface Binned {
  /** bins[f][row]: 0 for missing, 1..k otherwise. */
  bins: Uint8Array[];
  /** upper[f][b]: the largest raw value in bin b (b >= 1). */
  upper: Float64Array[];
  binCount: number[];
}

function binColumns(columns: Float64Array[], rows: Uint32Array, maxBins: number): Binned {
  const bins: Uint8Array[] = [];
  const upper: Float64Array[] = [];
  const binCount: number[] = [];
  for (const column of columns) {
    const present: number[] = [];
    for (const row of rows) {
      const v = column[row] as number;
      if (!Number.isNaN(v)) present.push(v);
    }
    present.sort((a, b) => a - b);
    const distinct: number[] = [];
    for (const v of present) if (distinct.length === 0 || distinct[distinct.length - 1] !== v) distinct.push(v);
    let edges: number[];
    if (distinct.length <= maxBins) edges = distinct;
    else {
      const chosen = new Set<number>();
      for (let b = 1; b <= maxBins; b += 1)
        chosen.add(present[Math.min(present.length - 1, Math.floor((b * present.length) / maxBins) - 1)] as number);
      chosen.add(present[present.length - 1] as number);
      edges = [...chosen].sort((a, b) => a - b);
    }
    const columnBins = new Uint8Array(column.length);
    for (let row = 0; row < column.length; row += 1) columnBins[row] = binOf(edges, column[row] as number);
    bins.push(columnBins);
    upper.push(Float64Array.from([NaN, ...edges]));
    binCount.push(edges.length + 1);
  }
  return { bins, upper, binCount };
}

/** Bin of a raw value: 0 when missing, else 1 + the index of the first edge >= value (values past the last edge go to the last bin). */
function binOf(edges: number[], value: number): number {
  if (Number.isNaN(value)) return 0;
  let lo = 0;
  let hi = edges.length - 1;
  if (hi < 0) return 0;
  if (value > (edges[hi] as number)) return hi + 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) >= value) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

interface Histogram {
  g: Float64Array;
  h: Float64Array;
  n: Uint32Array;
}

interface Split {
  feature: number;
  bin: number;
  missingLeft: boolean;
  gain: number;
}

interface PendingNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  histograms: Histogram[] | null;
  g: number;
  h: number;
}

class TreeBuilder {
  readonly tree: Tree = { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [], cover: [] };
  private readonly binned: Binned;
  private readonly features: number[];
  private readonly grad: Float64Array;
  private readonly hess: Float64Array;
  private readonly params: GbdtParams;
  private readonly gain: number[];

  constructor(
    binned: Binned,
    features: number[],
    grad: Float64Array,
    hess: Float64Array,
    params: GbdtParams,
    gain: number[],
  ) {
    this.binned = binned;
    this.features = features;
    this.grad = grad;
    this.hess = hess;
    this.params = params;
    this.gain = gain;
  }

  private addNode(g: number, h: number, n: number): number {
    const t = this.tree;
    t.feature.push(-1);
    t.threshold.push(NaN);
    t.missingLeft.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push((-g / (h + this.params.l2)) * this.params.learningRate);
    t.cover.push(n);
    return t.feature.length - 1;
  }

  private histograms(rows: Uint32Array, start: number, end: number): Histogram[] {
    const out: Histogram[] = [];
    for (let f = 0; f < this.binned.bins.length; f += 1) {
      const k = this.binned.binCount[f] as number;
      out.push({ g: new Float64Array(k), h: new Float64Array(k), n: new Uint32Array(k) });
    }
    for (const f of this.features) {
      const bins = this.binned.bins[f] as Uint8Array;
      const hist = out[f] as Histogram;
      const { g, h, n } = hist;
      for (let i = start; i < end; i += 1) {
        const row = rows[i] as number;
        const b = bins[row] as number;
        g[b] = (g[b] as number) + (this.grad[row] as number);
        h[b] = (h[b] as number) + (this.hess[row] as number);
        n[b] = (n[b] as number) + 1;
      }
    }
    return out;
  }

  private bestSplit(histograms: Histogram[], G: number, H: number, N: number): Split | null {
    const { l2, minLeafRows, minLeafHessian } = this.params;
    const parentScore = (G * G) / (H + l2);
    let best: Split | null = null;
    for (const f of this.features) {
      const { g, h, n } = histograms[f] as Histogram;
      const k = this.binned.binCount[f] as number;
      const mg = g[0] as number;
      const mh = h[0] as number;
      const mn = n[0] as number;
      let lg = 0;
      let lh = 0;
      let ln = 0;
      for (let b = 1; b < k - 1; b += 1) {
        lg += g[b] as number;
        lh += h[b] as number;
        ln += n[b] as number;
        if (ln === 0) continue;
        for (const missingLeft of mn > 0 ? [false, true] : [false]) {
          const leftG = missingLeft ? lg + mg : lg;
          const leftH = missingLeft ? lh + mh : lh;
          const leftN = missingLeft ? ln + mn : ln;
          const rightN = N - leftN;
          if (leftN < minLeafRows || rightN < minLeafRows) continue;
          const rightH = H - leftH;
          if (leftH < minLeafHessian || rightH < minLeafHessian) continue;
          const rightG = G - leftG;
          const gain = (leftG * leftG) / (leftH + l2) + (rightG * rightG) / (rightH + l2) - parentScore;
          if (gain > 1e-12 && (!best || gain > best.gain)) best = { feature: f, bin: b, missingLeft, gain };
        }
      }
    }
    return best;
  }

  build(rows: Uint32Array): Tree {
    let G = 0;
    let H = 0;
    for (const row of rows) {
      G += this.grad[row] as number;
      H += this.hess[row] as number;
    }
    const root = this.addNode(G, H, rows.length);
    let level: PendingNode[] = [{ id: root, start: 0, end: rows.length, depth: 0, histograms: null, g: G, h: H }];
    while (level.length > 0) {
      const next: PendingNode[] = [];
      for (const node of level) {
        const count = node.end - node.start;
        if (node.depth >= this.params.maxDepth || count < 2 * this.params.minLeafRows) continue;
        const histograms = node.histograms ?? this.histograms(rows, node.start, node.end);
        const split = this.bestSplit(histograms, node.g, node.h, count);
        if (!split) continue;
        this.gain[split.feature] = (this.gain[split.feature] as number) + split.gain;
        // Partition the node's rows in place: left part first.
        const bins = this.binned.bins[split.feature] as Uint8Array;
        let i = node.start;
        let j = node.end - 1;
        const goesLeft = (row: number) => {
          const b = bins[row] as number;
          return b === 0 ? split.missingLeft : b <= split.bin;
        };
        while (i <= j) {
          if (goesLeft(rows[i] as number)) i += 1;
          else {
            const tmp = rows[i] as number;
            rows[i] = rows[j] as number;
            rows[j] = tmp;
            j -= 1;
          }
        }
        const mid = i;
        let lg = 0;
        let lh = 0;
        for (let k = node.start; k < mid; k += 1) {
          lg += this.grad[rows[k] as number] as number;
          lh += this.hess[rows[k] as number] as number;
        }
        const leftId = this.addNode(lg, lh, mid - node.start);
        const rightId = this.addNode(node.g - lg, node.h - lh, node.end - mid);
        const t = this.tree;
        t.feature[node.id] = split.feature;
        t.threshold[node.id] = (this.binned.upper[split.feature] as Float64Array)[split.bin] as number;
        t.missingLeft[node.id] = split.missingLeft ? 1 : 0;
        t.left[node.id] = leftId;
        t.right[node.id] = rightId;
        // Histogram subtraction: build the smaller child, derive the larger from the parent.
        const leftSmaller = mid - node.start <= node.end - mid;
        const children: PendingNode[] = [
          { id: leftId, start: node.start, end: mid, depth: node.depth + 1, histograms: null, g: lg, h: lh },
          {
            id: rightId,
            start: mid,
            end: node.end,
            depth: node.depth + 1,
            histograms: null,
            g: node.g - lg,
            h: node.h - lh,
          },
        ];
        const [small, large] = leftSmaller ? children : [children[1] as PendingNode, children[0] as PendingNode];
        if (small && large && small.depth < this.params.maxDepth && large.depth < this.params.maxDepth) {
          small.histograms = this.histograms(rows, small.start, small.end);
          large.histograms = histograms.map((parent, f) => {
            const child = (small.histograms as Histogram[])[f] as Histogram;
            const g = new Float64Array(parent.g.length);
            const h = new Float64Array(parent.h.length);
            const n = new Uint32Array(parent.n.length);
            for (let b = 0; b < g.length; b += 1) {
              g[b] = (parent.g[b] as number) - (child.g[b] as number);
              h[b] = (parent.h[b] as number) - (child.h[b] as number);
              n[b] = (parent.n[b] as number) - (child.n[b] as number);
            }
            return { g, h, n };
          });
        }
        next.push(...children);
      }
      level = next;
    }
    return this.tree;
  }
}

/** Raw score (log-odds) of one row given as a function from feature index to value. */
export function treeOutput(tree: Tree, value: (feature: number) => number): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node] as number;
    if (f < 0) return tree.value[node] as number;
    const v = value(f);
    const left = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= (tree.threshold[node] as number);
    node = (left ? tree.left[node] : tree.right[node]) as number;
  }
}

/** Raw scores (log-odds) of rows of a column-major matrix. */
export function predictRaw(model: GbdtModel, columns: Float64Array[], rows: number): Float64Array {
  const out = new Float64Array(rows).fill(model.baseScore);
  for (const tree of model.trees) {
    const { feature, threshold, missingLeft, left, right, value } = tree;
    for (let row = 0; row < rows; row += 1) {
      let node = 0;
      let f = feature[0] as number;
      while (f >= 0) {
        const v = (columns[f] as Float64Array)[row] as number;
        const goLeft = v !== v ? missingLeft[node] === 1 : v <= (threshold[node] as number);
        node = (goLeft ? left[node] : right[node]) as number;
        f = feature[node] as number;
      }
      out[row] = (out[row] as number) + (value[node] as number);
    }
  }
  return out;
}

function logLoss(labels: Uint8Array, rows: Uint32Array, raw: Float64Array): number {
  let loss = 0;
  for (const row of rows) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(raw[row] as number)));
    loss -= labels[row] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return loss / Math.max(1, rows.length);
}

/** Trains on `train` rows, stopping early on `validation` rows' log loss; keeps the best round's trees. */
export function trainGbdt(
  data: TrainingData,
  train: Uint32Array,
  validation: Uint32Array,
  params: GbdtParams = defaultGbdtParams,
  onProgress?: (progress: GbdtProgress) => void,
): GbdtModel {
  const { columns, labels } = data;
  const n = labels.length;
  const binned = binColumns(columns, train, params.maxBins);
  const random = seededRandom(params.seed);
  let positives = 0;
  for (const row of train) positives += labels[row] as number;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, train.length)));
  const baseScore = Math.log(rate / (1 - rate));
  const raw = new Float64Array(n).fill(baseScore);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const gain = new Array<number>(columns.length).fill(0);
  const trees: Tree[] = [];
  let bestLoss = logLoss(labels, validation, raw);
  let bestRounds = 0;
  const featureIds = columns.map((_, f) => f);

  for (let round = 0; round < params.maxRounds; round += 1) {
    for (const row of train) {
      const p = sigmoid(raw[row] as number);
      grad[row] = p - (labels[row] as number);
      hess[row] = Math.max(p * (1 - p), 1e-16);
    }
    const sampled: number[] = [];
    for (const row of train) if (random() < params.rowSample) sampled.push(row);
    const features = featureIds.filter(() => random() < params.featureSample);
    if (features.length === 0) features.push(featureIds[Math.floor(random() * featureIds.length)] as number);
    const tree = new TreeBuilder(binned, features, grad, hess, params, gain).build(Uint32Array.from(sampled));
    trees.push(tree);
    // Route every row (training and validation) by its bins, exactly as the raw thresholds would.
    for (const rows of [train, validation]) {
      for (const row of rows) {
        let node = 0;
        let f = tree.feature[0] as number;
        while (f >= 0) {
          const b = (binned.bins[f] as Uint8Array)[row] as number;
          const goLeft =
            b === 0
              ? tree.missingLeft[node] === 1
              : ((columns[f] as Float64Array)[row] as number) <= (tree.threshold[node] as number);
          node = (goLeft ? tree.left[node] : tree.right[node]) as number;
          f = tree.feature[node] as number;
        }
        raw[row] = (raw[row] as number) + (tree.value[node] as number);
      }
    }
    const loss = logLoss(labels, validation, raw);
    onProgress?.({ round: round + 1, validationLoss: loss });
    // Without validation rows there is nothing to stop on: every round is kept.
    if (validation.length === 0 || loss < bestLoss - 1e-9) {
      bestLoss = loss;
      bestRounds = round + 1;
    } else if (round + 1 - bestRounds >= params.earlyStoppingRounds) break;
  }
  return { baseScore, trees: trees.slice(0, Math.max(1, bestRounds)), featureCount: columns.length, gain };
}
