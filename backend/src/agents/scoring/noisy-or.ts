/**
 * Risk and Urgency combine independent signals as a noisy-OR: each signal alone would give its own probability, and
 * together 1 − Π(1 − p). The 0–100 score is that probability ×100, and each signal's share of it is proportional to
 * −log(1 − p), the part it adds on the log-survival scale, so the shares add up exactly to the score.
 */
export interface Signal {
  feature: string;
  label: string;
  shown: string;
  probability: number;
}

export interface Combined {
  score: number;
  parts: { signal: Signal; points: number }[];
}

export function noisyOr(signals: Signal[]): Combined {
  const active = signals
    .filter((s) => s.probability > 0)
    .map((s) => ({ ...s, probability: Math.min(0.99, s.probability) }));
  const survival = active.reduce((product, s) => product * (1 - s.probability), 1);
  const total = 100 * (1 - survival);
  const weights = active.map((s) => -Math.log(1 - s.probability));
  const sum = weights.reduce((a, b) => a + b, 0);
  return {
    score: Math.round(total),
    parts: active.map((signal, i) => ({ signal, points: sum > 0 ? (total * (weights[i] as number)) / sum : 0 })),
  };
}
