import type { LeadContext } from './lead-context.ts';
import type { Signal } from './noisy-or.ts';

/**
 * Risk: the chance that the lead's open deal is lost or slips (or, without a deal, that the lead goes cold).
 * Signals and their probabilities (documented in README.md beside this file):
 * - a competitor named on the deal or heard on the last call: 0.25;
 * - the deal older than the tenant's usual time to win: 0.3 per multiple past it, at most 0.4;
 * - the deal longer in its stage than the tenant's deals usually stay in one: 0.3 per multiple past it, at most 0.4;
 * - the close date moved later: 0.15 per move, at most 0.45; a close date already past while open: 0.3;
 * - no touch for more than 7 days: grows by 1/60 a day, at most 0.35;
 * - objections on the last call: 0.1 each, at most 0.3.
 */
const DAY = 86_400_000;

export interface RiskNorms {
  /** Median days from creation to close of the tenant's won deals. */
  daysToWin: number;
  /** Median days the tenant's deals stay in a stage before moving on (from the audit trail); null without history. */
  daysInStage: number | null;
}

export function riskSignals(context: LeadContext, now: Date, norms: RiskNorms): Signal[] {
  const signals: Signal[] = [];
  const open = context.opportunities.filter((o) => !o.isClosed);
  const competitors = [...new Set(open.flatMap((o) => o.competitors))];
  if (competitors.length > 0 || context.callSignals.competitors > 0)
    signals.push({
      feature: 'opportunity.competitor_present',
      label: 'Competitor in the deal',
      shown: competitors.length > 0 ? competitors.join(', ') : 'mentioned on the last call',
      probability: 0.25,
    });
  const oldest = open.reduce<Date | null>((min, o) => (min && min < o.createdAt ? min : o.createdAt), null);
  if (oldest) {
    const age = (now.getTime() - oldest.getTime()) / DAY;
    const over = age / Math.max(1, norms.daysToWin) - 1;
    if (over > 0)
      signals.push({
        feature: 'opportunity.age',
        label: 'Deal older than usual',
        shown: `${Math.round(age)} days open; wins usually take ${Math.round(norms.daysToWin)}`,
        probability: Math.min(0.4, 0.3 * over),
      });
  }
  if (context.stageEnteredAt && norms.daysInStage) {
    const inStage = (now.getTime() - context.stageEnteredAt.getTime()) / DAY;
    const over = inStage / Math.max(1, norms.daysInStage) - 1;
    if (over > 0)
      signals.push({
        feature: 'opportunity.stage_age',
        label: 'Stuck in its stage',
        shown: `${Math.round(inStage)} days in the stage; deals usually move on after ${Math.round(norms.daysInStage)}`,
        probability: Math.min(0.4, 0.3 * over),
      });
  }
  if (context.closeDatePushes > 0)
    signals.push({
      feature: 'opportunity.close_date_pushes',
      label: 'Close date pushed out',
      shown: `${context.closeDatePushes} time${context.closeDatePushes === 1 ? '' : 's'}`,
      probability: Math.min(0.45, 0.15 * context.closeDatePushes),
    });
  const overdue = open.filter((o) => o.closeDate && o.closeDate.getTime() < now.getTime());
  if (overdue.length > 0)
    signals.push({
      feature: 'opportunity.close_date_past',
      label: 'Close date has passed',
      shown: (overdue[0]?.closeDate as Date).toISOString().slice(0, 10),
      probability: 0.3,
    });
  const last = context.activities[context.activities.length - 1];
  const gap = last
    ? (now.getTime() - last.occurredAt.getTime()) / DAY
    : (now.getTime() - context.lead.createdAt.getTime()) / DAY;
  if (gap > 7)
    signals.push({
      feature: 'activity.gap',
      label: last ? 'No touch for a while' : 'Never touched',
      shown: `${Math.floor(gap)} days`,
      probability: Math.min(0.35, (gap - 7) / 60),
    });
  if (context.callSignals.objections > 0)
    signals.push({
      feature: 'call.objections',
      label: 'Objections on the last call',
      shown: `${context.callSignals.objections}`,
      probability: Math.min(0.3, 0.1 * context.callSignals.objections),
    });
  return signals;
}
