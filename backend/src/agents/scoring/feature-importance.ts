import type { ModelTraining } from '@sdr/shared';
import type { ConversionModel } from '../../ml/conversion-model.ts';

/** Each feature's share of the model's total split gain, largest first: what the admin sees per version. */
export function importance(model: ConversionModel): ModelTraining['features'] {
  const total = model.gbdt.gain.reduce((a, b) => a + b, 0) || 1;
  return model.features
    .map((feature, i) => ({
      name: feature.name,
      label: feature.label,
      kind: feature.kind,
      importance: (model.gbdt.gain[i] ?? 0) / total,
    }))
    .sort((a, b) => b.importance - a.importance);
}
