import type { FilingHistoryItem } from '../../integrations/companies-house/index.ts';
import { longDate } from './wording.ts';

const ACCOUNT_TYPES: Record<string, string> = {
  full: 'Full accounts',
  group: 'Group accounts',
  small: 'Small company accounts',
  'micro-entity': 'Micro-entity accounts',
  dormant: 'Dormant company accounts',
  'total-exemption-full': 'Total exemption full accounts',
  'total-exemption-small': 'Total exemption small accounts',
  'audit-exemption-subsidiary': 'Audit exemption subsidiary accounts',
  medium: 'Medium company accounts',
  interim: 'Interim accounts',
  initial: 'Initial accounts',
};

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * A filing as the register's own pages title it. The API gives a description key (`accounts-with-accounts-type-full`)
 * and its values; the common ones are worded here, the rest fall back to the key in words.
 */
export function filingTitle(filing: FilingHistoryItem): string {
  const key = filing.description;
  const values = filing.description_values ?? {};
  const madeUp = text(values.made_up_date);
  if (filing.category === 'accounts') {
    const type = /accounts-type-([a-z-]+)$/.exec(key)?.[1];
    const kind = (type && ACCOUNT_TYPES[type]) ?? 'Accounts';
    return madeUp ? `${kind} made up to ${longDate(madeUp)}` : kind;
  }
  if (filing.category === 'confirmation-statement')
    return key.includes('with-updates') ? 'Confirmation statement with updates' : 'Confirmation statement';
  if (key.startsWith('change-registered-office-address')) return 'Registered office address changed';
  if (filing.category === 'change-of-name') {
    const newName = text(values.new_company_name);
    return newName ? `Change of name to ${newName}` : 'Change of name';
  }
  if (filing.category === 'capital') return 'Statement of capital';
  if (filing.category === 'resolution') return 'Resolutions';
  if (filing.category === 'liquidation') return 'Liquidation filing';
  if (filing.category === 'incorporation') return 'Incorporation';
  const words = key.split('-with-')[0]!.replace(/-/g, ' ').trim();
  return words === '' ? 'Filing' : words.charAt(0).toUpperCase() + words.slice(1);
}
