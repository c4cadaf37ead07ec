import { nameSimilarity, normaliseCompanyName } from '../../companies/company-name.ts';
import { domainStem, isUkCountry, normalisePostcode } from './register-clues.ts';

/** What the CRM knows of a company, for finding it on the register. */
export interface CompanyClues {
  name: string;
  domain?: string | null;
  country?: string | null;
  postcode?: string | null;
}

/** One entry of a register search, as the matcher needs it. */
export interface RegisterCandidate {
  companyNumber: string;
  name: string;
  status: string | null;
  incorporatedOn: string | null;
  postcode: string | null;
  address: string | null;
}

export interface ScoredCandidate extends RegisterCandidate {
  /** 0–1: how sure the match is, from the name, the postcode, the web domain and whether the company still trades. */
  confidence: number;
  /** Why, in words, for the SDR choosing between candidates. */
  evidence: string[];
}

export type RegisterMatch =
  | { status: 'matched'; match: ScoredCandidate; candidates: ScoredCandidate[] }
  | { status: 'ambiguous'; candidates: ScoredCandidate[] }
  | { status: 'none'; candidates: ScoredCandidate[] }
  | { status: 'not_uk'; candidates: [] };

/** A match this sure, and this far ahead of the next candidate, is taken without asking. */
export const MATCH_CONFIDENCE = 0.85;
const MATCH_MARGIN = 0.1;
/** Below this a candidate is not worth showing. */
const CANDIDATE_CONFIDENCE = 0.45;
const MAX_CANDIDATES = 5;

function score(clues: CompanyClues, candidate: RegisterCandidate): ScoredCandidate {
  const wanted = normaliseCompanyName(clues.name);
  const found = normaliseCompanyName(candidate.name);
  const similarity = nameSimilarity(wanted, found);
  const evidence: string[] = [
    similarity === 1 ? 'same name' : `name ${Math.round(similarity * 100)}% alike (${candidate.name})`,
  ];
  let confidence = similarity * 0.8;

  if (clues.postcode && candidate.postcode) {
    const a = normalisePostcode(clues.postcode);
    const b = normalisePostcode(candidate.postcode);
    if (a.full === b.full) {
      confidence += 0.15;
      evidence.push('same postcode');
    } else if (a.outward === b.outward) {
      confidence += 0.08;
      evidence.push('same postcode district');
    } else {
      confidence -= 0.1;
      evidence.push(`registered at another postcode (${candidate.postcode})`);
    }
  }
  if (clues.domain) {
    const stem = domainStem(clues.domain);
    const squeezed = found.replace(/ /g, '');
    if (stem.length >= 3 && (squeezed === stem || (stem.length >= 5 && squeezed.startsWith(stem)))) {
      confidence += 0.1;
      evidence.push(`name matches the web domain ${clues.domain}`);
    }
  }
  const status = candidate.status?.toLowerCase() ?? null;
  if (status === 'active') {
    confidence += 0.05;
  } else if (status) {
    // Dissolved and struck-off entries are usually an older company of the same name.
    confidence -= 0.1;
    evidence.push(`status: ${status.replace(/-/g, ' ')}`);
  }
  return { ...candidate, confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100, evidence };
}

/**
 * The register entry a CRM company is, with a confidence: taken when one candidate is clearly it, listed for the
 * SDR to pick when several could be, none when nothing comes close. A company the CRM places outside the UK is not
 * looked for on a UK register at all.
 */
export function matchRegisterEntry(clues: CompanyClues, candidates: RegisterCandidate[]): RegisterMatch {
  if (isUkCountry(clues.country) === false) return { status: 'not_uk', candidates: [] };
  const byNumber = new Map(candidates.map((candidate) => [candidate.companyNumber, candidate]));
  const scored = [...byNumber.values()]
    .map((candidate) => score(clues, candidate))
    .filter((candidate) => candidate.confidence >= CANDIDATE_CONFIDENCE)
    .sort((a, b) => b.confidence - a.confidence || a.companyNumber.localeCompare(b.companyNumber))
    .slice(0, MAX_CANDIDATES);
  const [best, next] = scored;
  if (!best) return { status: 'none', candidates: [] };
  if (best.confidence >= MATCH_CONFIDENCE && (!next || best.confidence - next.confidence >= MATCH_MARGIN))
    return { status: 'matched', match: best, candidates: scored };
  return { status: 'ambiguous', candidates: scored };
}
