import { emailDomainOf, isConsumerMail } from '../../companies/web-domain.ts';
import type { FieldMapping } from '@sdr/shared';
import { isMissing, parseNumber, type Column, type Table } from '../../ml/table.ts';
import type { LeadContext } from './lead-context.ts';
import { departmentOf, SENIORITY_LEVELS, seniorityOf } from './title-seniority.ts';

/**
 * The feature pipeline: one definition per feature, with the human label reasons use. The same definitions build
 * training rows (as of the moment the outcome was decided) and live scoring rows (as of now), so a model never
 * learns from something it will not see when scoring. Junk CRM values ("Select", "unknown", "") read as missing.
 */
export type FeatureValue = number | string | null;

export interface FeatureDefinition {
  key: string;
  label: string;
  kind: 'numeric' | 'categorical';
  value(context: LeadContext, asOf: Date): FeatureValue;
  /** The value as a rep reads it in a reason. */
  show(value: FeatureValue): string;
}

const DAY = 86_400_000;

const text = (value: string | null | undefined): string | null => (isMissing(value) ? null : (value as string).trim());
const count = (n: FeatureValue, one: string, many = `${one}s`) =>
  n === null ? 'unknown' : `${n} ${n === 1 ? one : many}`;

function touchesBefore(context: LeadContext, asOf: Date) {
  return context.activities.filter((a) => a.occurredAt.getTime() <= asOf.getTime());
}

const isInbound = (a: { direction: string | null; type: string }) => a.direction === 'inbound' || a.type === 'web';

export const BUILT_IN_FEATURES: FeatureDefinition[] = [
  {
    key: 'company.employees',
    label: 'Company size',
    kind: 'numeric',
    value: (c) => c.company?.employees ?? null,
    show: (v) => (v === null ? 'unknown' : `${Number(v).toLocaleString('en-US')} employees`),
  },
  {
    key: 'company.annual_revenue',
    label: 'Annual revenue',
    kind: 'numeric',
    value: (c) => (c.company?.annualRevenue ? Number(c.company.annualRevenue) : null),
    show: (v) => (v === null ? 'unknown' : `${(Number(v) / 1e6).toFixed(1)}M`),
  },
  {
    key: 'company.industry',
    label: 'Industry',
    kind: 'categorical',
    value: (c) => text(c.company?.industry),
    show: (v) => (v === null ? 'unknown' : String(v)),
  },
  {
    key: 'lead.country',
    label: 'Country',
    kind: 'categorical',
    value: (c) => text(c.lead.country) ?? text(c.company?.country),
    show: (v) => (v === null ? 'unknown' : String(v)),
  },
  {
    key: 'lead.source',
    label: 'Lead source',
    kind: 'categorical',
    value: (c) => text(c.lead.source),
    show: (v) => (v === null ? 'unknown' : String(v)),
  },
  {
    key: 'lead.seniority',
    label: 'Seniority (from title)',
    kind: 'numeric',
    value: (c) => {
      const level = seniorityOf(text(c.lead.title));
      return level === null ? null : SENIORITY_LEVELS.indexOf(level);
    },
    show: (v) => (v === null ? 'title unknown' : (SENIORITY_LEVELS[Number(v)] ?? 'unknown')),
  },
  {
    key: 'lead.department',
    label: 'Department (from title)',
    kind: 'categorical',
    value: (c) => departmentOf(text(c.lead.title)),
    show: (v) => (v === null ? 'unknown' : String(v)),
  },
  {
    key: 'lead.email_domain',
    label: 'E-mail address',
    kind: 'categorical',
    value: (c) => {
      const domain = emailDomainOf(text(c.lead.email));
      if (!domain) return null;
      if (isConsumerMail(domain)) return 'free mail';
      const company = c.company?.domain?.toLowerCase();
      return company && (domain === company || domain.endsWith(`.${company}`)) ? 'company domain' : 'other domain';
    },
    show: (v) => (v === null ? 'none' : String(v)),
  },
  {
    key: 'activity.touches_30d',
    label: 'Touches in the last 30 days',
    kind: 'numeric',
    value: (c, asOf) =>
      touchesBefore(c, asOf).filter((a) => asOf.getTime() - a.occurredAt.getTime() <= 30 * DAY).length,
    show: (v) => count(v, 'touch', 'touches'),
  },
  {
    key: 'activity.inbound_30d',
    label: 'Replies and visits in the last 30 days',
    kind: 'numeric',
    value: (c, asOf) =>
      touchesBefore(c, asOf).filter((a) => isInbound(a) && asOf.getTime() - a.occurredAt.getTime() <= 30 * DAY).length,
    show: (v) => count(v, 'reply or visit', 'replies and visits'),
  },
  {
    key: 'activity.meetings',
    label: 'Meetings held',
    kind: 'numeric',
    value: (c, asOf) => touchesBefore(c, asOf).filter((a) => a.type === 'meeting').length,
    show: (v) => count(v, 'meeting'),
  },
  {
    key: 'activity.days_since_last',
    label: 'Days since the last touch',
    kind: 'numeric',
    value: (c, asOf) => {
      const touches = touchesBefore(c, asOf);
      const last = touches[touches.length - 1];
      return last ? Math.floor((asOf.getTime() - last.occurredAt.getTime()) / DAY) : null;
    },
    show: (v) => (v === null ? 'never touched' : `${v} days ago`),
  },
];

function customValue(context: LeadContext, field: string): FeatureValue {
  const fromLead = (context.lead.customFields as Record<string, unknown>)[field];
  const raw = fromLead ?? (context.company?.customFields as Record<string, unknown> | undefined)?.[field];
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'boolean') return raw ? 'yes' : 'no';
  return text(String(raw));
}

/** A mapped CRM field becomes a feature; its kind follows the values the tenant's records hold. */
export function customFeatures(mappings: FieldMapping[], samples: LeadContext[]): FeatureDefinition[] {
  return mappings.map((mapping) => {
    const values = samples.map((c) => customValue(c, mapping.crmField)).filter((v) => v !== null);
    const numeric =
      values.length > 0 && values.every((v) => typeof v === 'number' || !Number.isNaN(parseNumber(String(v))));
    return {
      key: mapping.feature.startsWith('custom.') ? mapping.feature : `custom.${mapping.feature}`,
      label: mapping.label,
      kind: numeric ? 'numeric' : 'categorical',
      value: (c) => {
        const v = customValue(c, mapping.crmField);
        if (v === null || !numeric) return v;
        const n = typeof v === 'number' ? v : parseNumber(v);
        return Number.isNaN(n) ? null : n;
      },
      show: (v) => (v === null ? 'unknown' : String(v)),
    } satisfies FeatureDefinition;
  });
}

/** A table of feature values, one row per context, each as of its own moment. */
export function featureTable(
  definitions: FeatureDefinition[],
  contexts: LeadContext[],
  asOf: (c: LeadContext) => Date,
): Table {
  const moments = contexts.map(asOf);
  const columns: Column[] = definitions.map((definition) => {
    if (definition.kind === 'numeric') {
      const values = new Float64Array(contexts.length);
      contexts.forEach((c, i) => {
        const v = definition.value(c, moments[i] as Date);
        values[i] = typeof v === 'number' ? v : NaN;
      });
      return { name: definition.key, kind: 'numeric', values };
    }
    return {
      name: definition.key,
      kind: 'categorical',
      values: contexts.map((c, i) => {
        const v = definition.value(c, moments[i] as Date);
        return v === null ? null : String(v);
      }),
    };
  });
  return { columns, rows: contexts.length };
}
