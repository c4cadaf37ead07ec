import type { LeadContext } from './lead-context.ts';
import type { Signal } from './noisy-or.ts';

/**
 * Urgency: how much acting now matters. Signals and their probabilities (see README.md beside this file):
 * - speed to lead: an untouched lead, by the share of its first-touch SLA used up, up to 0.6 once overdue;
 * - fresh engagement: replies, visits and inbound calls in the last 7 days, 1 − 0.8^n, at most 0.5;
 * - a burst: the last 7 days busier than twice the lead's usual week, 0.2;
 * - a stated buying timeline in a recent touch ("this quarter", "asap", "next month", ...), 0.3.
 */
const DAY = 86_400_000;
const TIMELINE =
  /\b(asap|urgent(ly)?|this (week|month|quarter)|next (week|month)|end of (the )?(month|quarter)|before (the )?(end of|q[1-4])|by q[1-4]|immediately|right away|dringend|urgente|este m[eê]s)\b/i;

export function urgencySignals(context: LeadContext, now: Date, slaMinutes: number): Signal[] {
  const signals: Signal[] = [];
  const outbound = context.activities.filter(
    (a) => a.direction === 'outbound' || a.type === 'call' || a.type === 'meeting',
  );
  if (outbound.length === 0 && !context.lead.convertedAt) {
    const minutes = (now.getTime() - context.lead.createdAt.getTime()) / 60_000;
    const used = minutes / Math.max(1, slaMinutes);
    signals.push({
      feature: 'lead.sla',
      label: used >= 1 ? 'First touch overdue' : 'Waiting for a first touch',
      shown:
        used >= 1
          ? `${Math.round(minutes - slaMinutes)} min past the ${slaMinutes}-min SLA`
          : `${Math.round(minutes)} of ${slaMinutes} min`,
      probability: 0.6 * Math.min(1, used),
    });
  }
  const inbound = context.activities.filter((a) => a.direction === 'inbound' || a.type === 'web');
  const lastWeek = inbound.filter((a) => now.getTime() - a.occurredAt.getTime() <= 7 * DAY);
  if (lastWeek.length > 0)
    signals.push({
      feature: 'activity.inbound_7d',
      label: 'Recent replies and visits',
      shown: `${lastWeek.length} in the last 7 days`,
      probability: Math.min(0.5, 1 - 0.8 ** lastWeek.length),
    });
  const before = inbound.filter((a) => {
    const age = now.getTime() - a.occurredAt.getTime();
    return age > 7 * DAY && age <= 97 * DAY;
  });
  const usualWeek = before.length / (90 / 7);
  if (lastWeek.length >= 2 && lastWeek.length > 2 * usualWeek)
    signals.push({
      feature: 'activity.burst',
      label: 'Burst of engagement',
      shown: `${lastWeek.length} this week against ${usualWeek.toFixed(1)} in a usual week`,
      probability: 0.2,
    });
  const recent = context.activities.filter((a) => now.getTime() - a.occurredAt.getTime() <= 30 * DAY);
  const stated = recent.reverse().find((a) => TIMELINE.test(`${a.subject ?? ''} ${a.body ?? ''}`));
  if (stated) {
    const phrase = TIMELINE.exec(`${stated.subject ?? ''} ${stated.body ?? ''}`)?.[0] ?? '';
    signals.push({
      feature: 'activity.buying_timeline',
      label: 'Stated buying timeline',
      shown: `"${phrase}" (${stated.occurredAt.toISOString().slice(0, 10)})`,
      probability: 0.3,
    });
  }
  return signals;
}
