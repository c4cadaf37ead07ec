import type { MatchedAccount } from '@sdr/shared';
import { nameSimilarity, normaliseCompanyName } from '../../companies/company-name.ts';
import { companyDomainOfEmail, domainOf } from '../../companies/web-domain.ts';

/**
 * Lead-to-account matching, before any routing rule runs: a lead from a company the tenant already works goes to
 * that account's owner where the rule says so. Evidence, strongest first: the CRM already links them; the e-mail
 * or website domain is the account's; the names are the same once legal forms and punctuation are set aside
 * ("Acme Ltd" = "ACME Limited" = "acme"); the names are close (a typo, a word more). Each comes with a confidence.
 */

export interface Account {
  id: string;
  name: string;
  domain: string | null;
}

export interface LeadForMatching {
  companyId: string | null;
  companyName: string | null;
  email: string | null;
  website: string | null;
}

const CONFIDENCE = { crm_link: 1, domain: 0.95, name_exact: 0.85 } as const;
/** Below this, two names are different companies ("Acme Logistics" and "Apex Logistics" sit near 0.7). */
const FUZZY_THRESHOLD = 0.86;
/** Short names are too easily near each other to be matched loosely. */
const FUZZY_MIN_LENGTH = 5;

export class AccountIndex {
  private readonly byId = new Map<string, Account>();
  private readonly byDomain = new Map<string, string[]>();
  private readonly byName = new Map<string, string[]>();
  /** Accounts by each word of their normalised name, so a loose match compares a few names, not all. */
  private readonly byWord = new Map<string, string[]>();
  private readonly normalised = new Map<string, string>();

  constructor(accounts: Account[]) {
    const add = (map: Map<string, string[]>, key: string, id: string) => map.set(key, [...(map.get(key) ?? []), id]);
    for (const account of accounts) {
      this.byId.set(account.id, account);
      const domain = domainOf(account.domain);
      if (domain) add(this.byDomain, domain, account.id);
      const name = normaliseCompanyName(account.name);
      if (!name) continue;
      this.normalised.set(account.id, name);
      add(this.byName, name, account.id);
      for (const word of new Set(name.split(' '))) if (word.length >= 3) add(this.byWord, word, account.id);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /** The best account for the lead, or null when none is likely enough. Ties go to the account seen first. */
  match(lead: LeadForMatching): MatchedAccount | null {
    if (lead.companyId && this.byId.has(lead.companyId))
      return { companyId: lead.companyId, confidence: CONFIDENCE.crm_link, method: 'crm_link' };
    for (const domain of [companyDomainOfEmail(lead.email), domainOf(lead.website)]) {
      const hit = domain ? this.byDomain.get(domain)?.[0] : undefined;
      if (hit) return { companyId: hit, confidence: CONFIDENCE.domain, method: 'domain' };
    }
    const name = lead.companyName ? normaliseCompanyName(lead.companyName) : '';
    if (!name) return null;
    const exact = this.byName.get(name)?.[0];
    if (exact) return { companyId: exact, confidence: CONFIDENCE.name_exact, method: 'name_exact' };
    if (name.length < FUZZY_MIN_LENGTH) return null;
    let best: { id: string; score: number } | null = null;
    const seen = new Set<string>();
    for (const word of name.split(' '))
      for (const id of this.byWord.get(word) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const candidate = this.normalised.get(id) ?? '';
        if (candidate.length < FUZZY_MIN_LENGTH) continue;
        const score = nameSimilarity(name, candidate);
        if (score >= FUZZY_THRESHOLD && (!best || score > best.score)) best = { id, score };
      }
    // Scaled into the band below an exact name: 0.86 similarity → 0.6, identical → 0.8.
    return best
      ? {
          companyId: best.id,
          confidence: Math.round((0.6 + ((best.score - FUZZY_THRESHOLD) / (1 - FUZZY_THRESHOLD)) * 0.2) * 100) / 100,
          method: 'name_fuzzy',
        }
      : null;
  }
}
