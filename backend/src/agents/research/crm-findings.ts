import type { CrmContext, Money, ResearchSource } from '@sdr/shared';
import type { FactBook } from './fact-book.ts';
import { longDate } from './wording.ts';

/** What the CRM holds on a company, loaded for one report. */
export interface CrmSummary {
  companyName: string;
  leadCount: number;
  openOpportunities: { name: string; amount: number | null; currency: string; competitors: string[] }[];
  lastActivity: { at: Date; kind: string; subject: string | null } | null;
  accountOwner: { id: string; name: string } | null;
  /** People at the company the CRM knows, with their titles, for key people the register does not list. */
  contacts: { name: string; title: string | null }[];
  employees: number | null;
}

export interface CrmFindings {
  context: CrmContext;
  /** Fact ids by topic, for the overview and the talking points. */
  facts: {
    pipeline: string[];
    competitors: string[];
    lastTouch: string | null;
    contacts: string[];
    size: string | null;
  };
}

const CRM: ResearchSource = { name: 'CRM', url: null };

/** The CRM's side of the report: pipeline, competitors named on deals, the last touch, the people it knows. */
export function crmFindings(summary: CrmSummary, book: FactBook): CrmFindings {
  const facts: CrmFindings['facts'] = { pipeline: [], competitors: [], lastTouch: null, contacts: [], size: null };
  const currencies = new Set(summary.openOpportunities.map((deal) => deal.currency));
  const amounts = summary.openOpportunities.flatMap((deal) => (deal.amount === null ? [] : [deal.amount]));
  // Amounts in several currencies do not add up; the pipeline is then left out rather than summed wrongly.
  const openPipeline: Money | null =
    amounts.length > 0 && currencies.size === 1
      ? {
          amount: Math.round(amounts.reduce((sum, amount) => sum + amount, 0) * 100) / 100,
          currency: [...currencies][0]!,
        }
      : null;

  if (summary.openOpportunities.length > 0)
    facts.pipeline.push(
      book.add(
        `${summary.companyName} has ${summary.openOpportunities.length} open ${summary.openOpportunities.length === 1 ? 'opportunity' : 'opportunities'}${openPipeline ? ` worth ${formatMoney(openPipeline)}` : ''} in the CRM.`,
        summary.openOpportunities.length,
        CRM,
      ),
    );
  const competitors = [...new Set(summary.openOpportunities.flatMap((deal) => deal.competitors))].sort();
  for (const competitor of competitors)
    facts.competitors.push(book.add(`${competitor} is named as a competitor on an open opportunity.`, competitor, CRM));
  if (summary.lastActivity)
    facts.lastTouch = book.add(
      `The last recorded touch was a ${summary.lastActivity.kind.replace(/_/g, ' ')} on ${longDate(summary.lastActivity.at.toISOString())}${summary.lastActivity.subject ? ` (${summary.lastActivity.subject})` : ''}.`,
      summary.lastActivity.at.toISOString(),
      CRM,
    );
  for (const contact of summary.contacts)
    if (contact.title) facts.contacts.push(book.add(`${contact.name} is ${contact.title}.`, contact.title, CRM));
  if (summary.employees !== null)
    facts.size = book.add(
      `The CRM records ${summary.employees.toLocaleString('en-GB')} employees.`,
      summary.employees,
      CRM,
    );

  return {
    context: {
      leadCount: summary.leadCount,
      openOpportunityCount: summary.openOpportunities.length,
      openPipeline,
      lastActivityAt: summary.lastActivity?.at.toISOString() ?? null,
      accountOwnerId: summary.accountOwner?.id ?? null,
      competitors,
    },
    facts,
  };
}

function formatMoney(money: Money): string {
  try {
    return new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: money.currency,
      maximumFractionDigits: 0,
    }).format(money.amount);
  } catch {
    return `${money.amount} ${money.currency}`;
  }
}
