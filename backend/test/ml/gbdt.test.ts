import { defaultGbdtParams, predictRaw, trainGbdt } from '../../src/ml/gbdt.ts';
import { rocAuc } from '../../src/ml/metrics.ts';
import { seededRandom } from '../../src/ml/random.ts';
import { contributions, expectedValue, ShapCache } from '../../src/ml/tree-shap.ts';

function synthetic(rows: number, seed: number) {
  const random = seededRandom(seed);
  const columns = [new Float64Array(rows), new Float64Array(rows), new Float64Array(rows)];
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i += 1) {
    const a = random() * 4 - 2;
    const b = random() < 0.3 ? NaN : random() * 4 - 2;
    const noise = random();
    columns[0]![i] = a;
    columns[1]![i] = b;
    columns[2]![i] = noise;
    // Missing b carries signal of its own: the trees must learn where missing values go.
    const logit = 1.5 * a + (Number.isNaN(b) ? 1.2 : -b * b + 1);
    labels[i] = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { columns, labels };
}

const range = (from: number, to: number) => Uint32Array.from({ length: to - from }, (_, i) => from + i);

describe('gradient-boosted trees', () => {
  const data = synthetic(6000, 1);
  const model = trainGbdt(data, range(0, 4000), range(4000, 5000), { ...defaultGbdtParams, maxRounds: 300 });

  it('learns a non-linear function with missing values and generalises to unseen rows', () => {
    const raw = predictRaw(model, data.columns, 6000);
    const test = range(5000, 6000);
    const auc = rocAuc(
      Array.from(test, (r) => data.labels[r]!),
      Array.from(test, (r) => raw[r]!),
    );
    expect(auc).toBeGreaterThan(0.8);
    expect(model.gain[2]!).toBeLessThan(model.gain[0]!);
    expect(model.trees.length).toBeLessThan(300);
  });

  it('gives the same model for the same data and seed', () => {
    const again = trainGbdt(data, range(0, 4000), range(4000, 5000), { ...defaultGbdtParams, maxRounds: 300 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
  });

  it('explains each prediction exactly: contributions add up to the raw score', () => {
    const base = expectedValue(model);
    const raw = predictRaw(model, data.columns, 6000);
    for (const row of [5000, 5001, 5002, 5100, 5999]) {
      const x = data.columns.map((c) => c[row]!);
      const phi = contributions(model, x);
      expect(base + phi.reduce((a, b) => a + b, 0)).toBeCloseTo(raw[row]!, 9);
    }
  });

  it('gives the same contributions from its cache of split patterns', () => {
    const cache = new ShapCache();
    for (const row of [5000, 5001, 5002, 5000, 5001, 5100]) {
      const x = data.columns.map((c) => c[row]!);
      const direct = contributions(model, x);
      const cached = contributions(model, x, cache);
      direct.forEach((value, i) => expect(cached[i]!).toBeCloseTo(value, 12));
    }
    expect(cache.perTree.size).toBe(model.trees.length);
  });

  it('matches Shapley values computed by brute force over every feature subset', () => {
    const small = trainGbdt(data, range(0, 2000), range(2000, 2500), {
      ...defaultGbdtParams,
      maxRounds: 5,
      maxDepth: 3,
    });
    // E[f(x) | features in S known]: follow known features, average unknown ones by training cover.
    const conditional = (x: number[], known: Set<number>) =>
      small.baseScore +
      small.trees.reduce((sum, tree) => {
        const walk = (node: number): number => {
          const f = tree.feature[node]!;
          if (f < 0) return tree.value[node]!;
          const left = tree.left[node]!;
          const right = tree.right[node]!;
          if (known.has(f)) {
            const v = x[f]!;
            const goLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= tree.threshold[node]!;
            return walk(goLeft ? left : right);
          }
          return (walk(left) * tree.cover[left]! + walk(right) * tree.cover[right]!) / tree.cover[node]!;
        };
        return sum + walk(0);
      }, 0);
    const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
    for (const row of [2600, 2601, 2700]) {
      const x = data.columns.map((c) => c[row]!);
      const phi = contributions(small, x);
      for (let i = 0; i < 3; i += 1) {
        let exact = 0;
        const others = [0, 1, 2].filter((f) => f !== i);
        for (let mask = 0; mask < 1 << others.length; mask += 1) {
          const subset = new Set(others.filter((_, k) => mask & (1 << k)));
          const weight = (factorial(subset.size) * factorial(3 - subset.size - 1)) / factorial(3);
          exact += weight * (conditional(x, new Set([...subset, i])) - conditional(x, subset));
        }
        expect(phi[i]!).toBeCloseTo(exact, 9);
      }
    }
  });
});
