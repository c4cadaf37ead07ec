import { evaluate, prAuc, rocAuc } from '../../src/ml/metrics.ts';

describe('classifier metrics', () => {
  it('computes ROC AUC as the probability a positive outranks a negative, ties counting half', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 10);
    expect(rocAuc([0, 1], [0.5, 0.5])).toBeCloseTo(0.5, 10);
    expect(rocAuc([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1])).toBe(1);
    expect(rocAuc([1, 1], [0.9, 0.8])).toBeNaN();
  });

  it('computes PR AUC as average precision', () => {
    // Ranked: 0.8 (pos), 0.4 (neg), 0.35 (pos), 0.1 (neg): AP = 1·0.5 + 2/3·0.5.
    expect(prAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.5 + (2 / 3) * 0.5, 10);
  });

  it('reports Brier, log loss, base rate, top-decile lift and an equal-count calibration table', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i >= 90 ? 1 : 0));
    const probabilities = Array.from({ length: 100 }, (_, i) => i / 100);
    const m = evaluate(labels, probabilities);
    expect(m.rows).toBe(100);
    expect(m.baseRate).toBeCloseTo(0.1, 10);
    expect(m.baseRateBrier).toBeCloseTo(0.09, 10);
    expect(m.topDecileLift).toBeCloseTo(10, 10);
    expect(m.rocAuc).toBe(1);
    const brier = probabilities.reduce((s, p, i) => s + (p - (labels[i] as number)) ** 2, 0) / 100;
    expect(m.brier).toBeCloseTo(brier, 12);
    expect(m.calibration).toHaveLength(10);
    expect(m.calibration[9]).toMatchObject({ bin: 10, observed: 1, count: 10 });
    expect(m.calibration[0]!.predicted).toBeCloseTo(0.045, 10);
    expect(m.logLoss).toBeGreaterThan(0);
  });
});
