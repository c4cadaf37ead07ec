import { readJson, UnreadableResponse } from 'c/sdrErrors';
// Turns what SdrScoreController returns into what the template shows, so the template stays free of logic
// and the rules (sorting, signs, labels) can be read in one place.

const DIMENSIONS = [
  { key: 'ev', label: 'EV' },
  { key: 'risk', label: 'Risk' },
  { key: 'urgency', label: 'Urgency' },
];

const TIER_LABELS = { hot: 'Hot', warm: 'Warm', cold: 'Cold' };

// A typographic minus: a hyphen is easy to miss at a glance and some screen readers skip it.
const SIGNS = { '+': '+', '-': '\u2212' };

export const UNREADABLE_MESSAGE = 'The SDR service sent a score this panel cannot read. Try again in a minute.';
export const LOAD_FAILED = 'Something went wrong loading the scores. Try again in a minute.';
export const RESCORE_FAILED = 'Rescoring did not work. Try again in a minute.';

/**
 * The controller returns a JSON string; parse it here so that a malformed payload surfaces as a readable
 * message instead of a JavaScript error in the rep's face.
 * @returns {{ status: 'not_synced' } | { status: 'scored', score: object }}
 */
export function parseResponse(raw) {
  const response = readJson(raw, UNREADABLE_MESSAGE);
  if (response && response.status === 'not_synced') {
    return { status: 'not_synced' };
  }
  if (response && response.status === 'scored' && isLeadScore(response.score)) {
    return { status: 'scored', score: response.score };
  }
  throw new UnreadableResponse(UNREADABLE_MESSAGE);
}

function isLeadScore(score) {
  return (
    !!score &&
    typeof score.ev === 'number' &&
    typeof score.risk === 'number' &&
    typeof score.urgency === 'number' &&
    !!score.expectedValue &&
    Array.isArray(score.topReasons)
  );
}

function gauge(key, label, value, fill, tier) {
  const clamped = Math.min(100, Math.max(0, Math.round(value)));
  return {
    key,
    label,
    value: clamped,
    valueText: tier ? `${clamped} of 100, ${tier}` : `${clamped} of 100`,
    tier,
    tierClass: `tier tier_${fill}`,
    fillClass: `gauge-fill gauge-fill_${fill}`,
    fillStyle: `width: ${clamped}%;`,
  };
}

function reasonGroups(reasons) {
  return DIMENSIONS.map(({ key, label }) => {
    const items = reasons
      .filter((reason) => reason.dimension === key)
      .map((reason, index) => ({ reason, index }))
      // The backend already orders them; sorting again keeps "strongest first" true if it ever does not.
      .sort((a, b) => b.reason.contribution - a.reason.contribution || a.index - b.index)
      .map(({ reason }, position) => {
        const raises = reason.direction === '+';
        return {
          key: `${key}-${position}-${reason.feature}`,
          summary: `${SIGNS[reason.direction] || reason.direction} ${reason.label} (${reason.value})`,
          iconName: raises ? 'utility:arrowup' : 'utility:arrowdown',
          iconText: raises ? `Raises ${label}` : `Lowers ${label}`,
        };
      });
    return { key, label, heading: `${label} reasons`, items };
  }).filter((group) => group.items.length > 0);
}

/** Everything the scored state of the template needs, derived from one LeadScore. */
export function toView(score) {
  const tier = TIER_LABELS[score.evTier] || score.evTier;
  const model = score.modelVersion;
  return {
    money: score.expectedValue.amount,
    currency: score.expectedValue.currency,
    pConvert: score.pConvert,
    gauges: [
      gauge('ev', 'EV', score.ev, score.evTier, tier),
      gauge('risk', 'Risk', score.risk, 'risk'),
      gauge('urgency', 'Urgency', score.urgency, 'urgency'),
    ],
    reasonGroups: reasonGroups(score.topReasons),
    // Without a trained model version the backend scored with its rules.
    model: model ? model.version : 'rules',
    modelTitle: model ? `${model.kind} model, version ${model.version}` : 'Scored with rules, before any model',
    scoredAt: Date.parse(score.scoredAt),
    isStale: score.freshness === 'stale',
    missing: score.missing && score.missing.length > 0 ? score.missing.join(', ') : '',
  };
}
