/**
 * Platt scaling: p = sigmoid(a·score + b), fitted by Newton's method on held-out rows that the trees did not learn
 * from. Boosted trees rank well but their raw probabilities drift with the number of rounds; one monotone map fixes
 * that without changing the ranking, and keeps per-feature contributions additive (each is multiplied by `a`).
 * Targets are smoothed as Platt proposed, so a small validation set cannot push probabilities to 0 or 1.
 */
export interface Calibration {
  a: number;
  b: number;
}

export const identityCalibration: Calibration = { a: 1, b: 0 };

const MIN_CLASS = 20;

export function fitPlatt(scores: ArrayLike<number>, labels: ArrayLike<number>): Calibration {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i += 1) positives += labels[i] as number;
  const negatives = n - positives;
  // Too few held-out outcomes to fit two parameters reliably: the trees' own log-odds are better left alone.
  if (positives < MIN_CLASS || negatives < MIN_CLASS) return identityCalibration;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration += 1) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < n; i += 1) {
      const s = scores[i] as number;
      const t = labels[i] === 1 ? hi : lo;
      const p = 1 / (1 + Math.exp(-(a * s + b)));
      const d = p - t;
      const w = p * (1 - p);
      ga += d * s;
      gb += d;
      haa += w * s * s;
      hab += w * s;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-18) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  // A slope far from 1 means the validation rows disagree wildly with training: a symptom, not a correction.
  return Number.isFinite(a) && Number.isFinite(b) && a >= 0.25 && a <= 4 ? { a, b } : identityCalibration;
}

export function calibrated(calibration: Calibration, score: number): number {
  return 1 / (1 + Math.exp(-(calibration.a * score + calibration.b)));
}
