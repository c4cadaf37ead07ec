import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

const Probability = z.number().min(0).max(1);

export const ModelKind = z.enum(['icp_rules', 'gbm', 'logreg']).meta({
  id: 'ModelKind',
  description:
    'icp_rules: weighted ideal-customer-profile rules, used until enough outcomes exist to learn from; ' +
    'gbm: gradient-boosted trees; logreg: logistic regression',
});
export type ModelKind = z.infer<typeof ModelKind>;

export const ModelStatus = z
  .enum(['candidate', 'active', 'retired'])
  .meta({ id: 'ModelStatus', description: 'At most one version of a tenant is active at a time' });
export type ModelStatus = z.infer<typeof ModelStatus>;

export const ModelTarget = z
  .discriminatedUnion('source', [
    z.object({
      source: z.literal('crm'),
      outcome: z
        .enum(['lead_converted', 'opportunity_created', 'opportunity_won'])
        .meta({ description: 'The event that counts as a positive outcome' }),
      windowDays: z
        .number()
        .int()
        .min(1)
        .max(730)
        .meta({ description: 'Days after the lead was created within which the outcome must happen' }),
    }),
    z.object({
      source: z.literal('csv'),
      column: z.string().meta({ description: 'The outcome column of the exported file' }),
      positive: z.string().meta({ description: 'The value of that column that means success' }),
    }),
  ])
  .meta({ id: 'ModelTarget', description: "What the model predicts: a CRM outcome, or a CSV export's outcome column" });
export type ModelTarget = z.infer<typeof ModelTarget>;

export const CalibrationBin = z
  .object({
    bin: z.number().int().min(0).meta({ description: 'Index of the bin, in order of predicted probability' }),
    predicted: Probability.meta({ description: 'Mean predicted probability in the bin' }),
    observed: Probability.meta({ description: 'Share of the bin that had the outcome' }),
    count: z.number().int().min(0),
  })
  .meta({ id: 'CalibrationBin' });
export type CalibrationBin = z.infer<typeof CalibrationBin>;

export const ModelMetrics = z
  .object({
    // Null when the held-out rows hold a single class, where the curve is undefined.
    rocAuc: Probability.nullable(),
    prAuc: Probability.nullable(),
    brier: z.number().min(0).max(1),
    logLoss: z.number().min(0),
    baseRate: Probability.meta({ description: 'Share of held-out rows with the outcome' }),
    topDecileLift: z
      .number()
      .min(0)
      .nullable()
      .meta({ description: 'Outcome rate in the top-scored 10% divided by the base rate' }),
    rows: z.number().int().min(0).meta({ description: 'Held-out rows the metrics were computed on' }),
    calibration: z.array(CalibrationBin),
  })
  .meta({ id: 'ModelMetrics', description: 'Metrics on held-out rows, never on the rows the model was trained on' });
export type ModelMetrics = z.infer<typeof ModelMetrics>;

export const ModelFeature = z
  .object({
    name: z.string(),
    label: z.string(),
    kind: z.enum(['numeric', 'categorical']),
    importance: z.number().min(0).max(1).meta({ description: 'Share of the total split gain' }),
  })
  .meta({ id: 'ModelFeature' });
export type ModelFeature = z.infer<typeof ModelFeature>;

export const ModelTraining = z
  .object({
    positives: z.number().int().min(0),
    rounds: z.number().int().min(0).meta({ description: 'Trees kept after early stopping' }),
    features: z.array(ModelFeature),
    excluded: z.array(z.object({ column: z.string(), reason: z.string() })),
    promotion: z.string().meta({ description: 'Why the version was or was not made active when it was trained' }),
  })
  .meta({ id: 'ModelTraining', description: 'What the model learnt from' });
export type ModelTraining = z.infer<typeof ModelTraining>;

export const ModelVersion = z
  .object({
    id: Id,
    version: z.string().meta({ description: 'Unique within the tenant, e.g. 2026-11-24.1' }),
    kind: ModelKind,
    status: ModelStatus,
    target: ModelTarget,
    metrics: ModelMetrics.nullable().meta({
      description: 'Null for ICP rules when there are no labelled outcomes to evaluate them on',
    }),
    rows: z.number().int().min(0).meta({ description: 'Labelled rows the model was trained on' }),
    training: ModelTraining.nullable(),
    trainedAt: Timestamp,
    promotedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ModelVersion', description: 'A trained (or configured) scoring model' });
export type ModelVersion = z.infer<typeof ModelVersion>;

export const ModelVersionRef = z
  .object({ id: Id, version: z.string(), kind: ModelKind })
  .meta({ id: 'ModelVersionRef', description: 'The model version that produced a score' });
export type ModelVersionRef = z.infer<typeof ModelVersionRef>;

export const modelVersionExample: ModelVersion = {
  id: '8f2c61d0-4a7e-4b39-b5d1-09e3c7a6f412',
  version: '2026-11-24.1',
  kind: 'gbm',
  status: 'active',
  target: { source: 'crm', outcome: 'opportunity_created', windowDays: 90 },
  metrics: {
    rocAuc: 0.812,
    prAuc: 0.447,
    brier: 0.108,
    logLoss: 0.341,
    baseRate: 0.165,
    topDecileLift: 3.1,
    rows: 2480,
    calibration: [
      { bin: 0, predicted: 0.03, observed: 0.027, count: 744 },
      { bin: 1, predicted: 0.09, observed: 0.101, count: 621 },
      { bin: 2, predicted: 0.17, observed: 0.158, count: 496 },
      { bin: 3, predicted: 0.31, observed: 0.326, count: 372 },
      { bin: 4, predicted: 0.54, observed: 0.518, count: 247 },
    ],
  },
  rows: 9920,
  training: {
    positives: 1637,
    rounds: 212,
    features: [
      { name: 'source', label: 'Lead source', kind: 'categorical', importance: 0.31 },
      { name: 'titleSeniority', label: 'Seniority (from title)', kind: 'numeric', importance: 0.24 },
      { name: 'employees', label: 'Company size (employees)', kind: 'numeric', importance: 0.18 },
    ],
    excluded: [{ column: 'email', reason: 'an identifier (almost every value is different)' }],
    promotion: 'Promoted: ROC AUC 0.812 on the held-out rows against 0.774 for 2026-11-10.1',
  },
  trainedAt: '2026-11-24T02:14:37.000Z',
  promotedAt: '2026-11-24T02:14:38.000Z',
};
