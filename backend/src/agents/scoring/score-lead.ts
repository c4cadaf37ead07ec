import type { IcpWeight, ModelVersionRef, Reason, ScoreDimension } from '@sdr/shared';
import type { ConversionModel } from '../../ml/conversion-model.ts';
import { encodeValue } from '../../ml/encoding.ts';
import { contributions, type ShapCache } from '../../ml/tree-shap.ts';
import { dealValueFor, type DealValues } from './deal-value.ts';
import type { FeatureDefinition } from './features.ts';
import { icpLogOdds, icpMatches } from './icp-model.ts';
import type { LeadContext } from './lead-context.ts';
import { noisyOr, type Signal } from './noisy-or.ts';
import { riskSignals, type RiskNorms } from './risk.ts';
import { urgencySignals } from './urgency.ts';

/** What scoring needs besides the lead: the model in force and the tenant's economics. */
export interface Scorer {
  model: ModelVersionRef | null;
  /** The learnt model, or null while the ICP rules score (cold start). */
  learnt: ConversionModel | null;
  /** TreeSHAP's base: the learnt model's mean raw score over its training cover. */
  learntBase: number;
  /** Contributions already computed for this model, shared by every lead it scores. */
  shapCache: ShapCache;
  icpWeights: IcpWeight[];
  /** The tenant's conversion rate: the ICP rules' starting point and the EV scale's average lead. */
  baseRate: number;
  definitions: FeatureDefinition[];
  dealValues: DealValues;
  currency: string;
  slaMinutes: number;
  riskNorms: RiskNorms;
  evTiers: { hot: number; warm: number };
}

export interface LeadScoring {
  ev: number;
  pConvert: number;
  expectedValue: { amount: number; currency: string };
  risk: number;
  urgency: number;
  reasons: Reason[];
  /** Labels of the model's features this lead has no value for. */
  missing: string[];
}

interface Part {
  feature: string;
  label: string;
  shown: string;
  logOdds: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));
const round1 = (x: number) => Math.round(x * 10) / 10;

function reason(dimension: ScoreDimension, feature: string, label: string, shown: string, points: number): Reason {
  return {
    dimension,
    feature,
    label,
    value: shown,
    direction: points >= 0 ? '+' : '-',
    contribution: round1(Math.abs(points)),
  };
}

function conversionParts(
  context: LeadContext,
  scorer: Scorer,
  now: Date,
): { base: number; parts: Part[]; missing: string[] } {
  const byKey = new Map(scorer.definitions.map((d) => [d.key, d]));
  if (!scorer.learnt) {
    const matched = icpMatches(scorer.icpWeights, scorer.definitions, context, now);
    const missing = [...new Set(scorer.icpWeights.map((w) => w.attribute))]
      .map((key) => byKey.get(key))
      .filter((d): d is FeatureDefinition => d !== undefined && d.value(context, now) === null)
      .map((d) => d.label);
    return {
      base: logit(scorer.baseRate),
      parts: matched.map((m) => ({ feature: m.feature, label: m.label, shown: m.shown, logOdds: icpLogOdds(m) })),
      missing,
    };
  }
  const { features, calibration, gbdt } = scorer.learnt;
  const values = features.map((spec) => byKey.get(spec.name)?.value(context, now) ?? null);
  const x = features.map((spec, i) => encodeValue(spec, values[i]));
  const phi = contributions(gbdt, x, scorer.shapCache);
  const parts = features.map((spec, i) => ({
    feature: spec.name,
    label: spec.label,
    shown: byKey.get(spec.name)?.show(values[i] ?? null) ?? String(values[i]),
    logOdds: calibration.a * (phi[i] as number),
  }));
  return {
    base: calibration.a * scorer.learntBase + calibration.b,
    parts,
    missing: features.filter((_, i) => values[i] === null).map((spec) => spec.label),
  };
}

/**
 * EV, Risk and Urgency of one lead with their reasons. EV's 0–100 scale puts an average lead of the tenant at 50:
 * score = 100·E / (E + R), with E = P(convert) × expected deal value and R the same for an average lead, so 67 is
 * twice the average lead's expected value and 80 four times. Each reason's points are its share of the distance
 * from 50, so the reasons add up to the score.
 */
export function scoreLead(context: LeadContext, scorer: Scorer, now: Date): LeadScoring {
  const { base, parts, missing } = conversionParts(context, scorer, now);
  // Bounded away from 0 and 1: a score must stay comparable and its reasons finite, whatever a model says.
  const pConvert = Math.min(1 - 1e-6, Math.max(1e-6, sigmoid(base + parts.reduce((sum, p) => sum + p.logOdds, 0))));
  const learntDeal = dealValueFor(scorer.dealValues, context.company?.employees);
  // A tenant may set its default deal value to 0; EV then ranks by probability alone.
  const deal = { ...learntDeal, value: Math.max(1, learntDeal.value) };
  const reference = Math.max(1, scorer.dealValues.overall);
  // EV compares E = p·V with an average lead's R = σ(base)·V_ref, so log(E/R) splits exactly into the conversion
  // parts (log-odds rescaled to log-probability) and the deal-size part; the score is a smooth function of that sum.
  const logitSum = parts.reduce((sum, p) => sum + p.logOdds, 0);
  const logRatio = Math.log(pConvert) - Math.log(sigmoid(base));
  const scale = Math.abs(logitSum) > 1e-9 ? logRatio / logitSum : 1 - sigmoid(base);
  const weighted: Part[] = parts.map((p) => ({ ...p, logOdds: p.logOdds * scale }));
  if (deal.segment && deal.value !== reference)
    weighted.push({
      feature: 'company.deal_size',
      label: 'Expected deal size',
      shown: `${Math.round(deal.value).toLocaleString('en-US')} ${scorer.currency} (${deal.segment})`,
      logOdds: Math.log(deal.value / reference),
    });
  const expected = pConvert * deal.value;
  const average = Math.max(1e-6, sigmoid(base)) * reference;
  const exact = (100 * expected) / (expected + average);
  const ev = Math.round(exact);
  const total = weighted.reduce((sum, p) => sum + p.logOdds, 0);
  // Each part's points are its share of the distance from 50; near a total of zero the ratio tends to the slope, 25.
  const share = Math.abs(total) > 1e-6 ? (exact - 50) / total : 25;
  const evReasons = weighted
    .filter((p) => Math.abs(p.logOdds * share) >= 0.05)
    .map((p) => reason('ev', p.feature, p.label, p.shown, p.logOdds * share));

  const toReasons = (dimension: ScoreDimension, signals: Signal[]) => {
    const combined = noisyOr(signals);
    return {
      score: combined.score,
      reasons: combined.parts.map((p) => reason(dimension, p.signal.feature, p.signal.label, p.signal.shown, p.points)),
    };
  };
  const risk = toReasons('risk', riskSignals(context, now, scorer.riskNorms));
  const urgency = toReasons('urgency', urgencySignals(context, now, scorer.slaMinutes));
  const byStrength = (a: Reason, b: Reason) => b.contribution - a.contribution;
  return {
    ev: Math.max(0, Math.min(100, ev)),
    pConvert,
    expectedValue: { amount: Math.round(expected * 100) / 100, currency: scorer.currency },
    risk: risk.score,
    urgency: urgency.score,
    reasons: [...evReasons.sort(byStrength), ...risk.reasons.sort(byStrength), ...urgency.reasons.sort(byStrength)],
    missing,
  };
}
