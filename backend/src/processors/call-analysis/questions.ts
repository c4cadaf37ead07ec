import { sentences } from './sentences.ts';

export type QuestionTopic =
  'pricing' | 'integration' | 'security' | 'implementation' | 'contract' | 'product' | 'other';

export interface Question {
  /** The sentence asking it. */
  match: string;
  topic: QuestionTopic;
  /** Offset of `match` in the text. */
  index: number;
}

// Spoken questions often reach the transcript without their question mark, so a sentence also counts when it opens
// the way questions do, after any filler ("so, um, how much is it per van").
const FILLER =
  /^(?:(?:so|and|but|ok|okay|right|well|um|umm|uh|erm|er|oh|also|just|yeah|yes|sure|great|then|sorry|actually|quickly|quick question|one more thing|and then)\b[\s,.…-]*)*/i;
const QUESTION_OPENING = new RegExp(
  String.raw`^(?:how (?:much|many|long|soon|quickly|often|far|easy|hard|secure|big|does|do|did|would|will|can|could|is|are|about)|what(?:['’]s| is| are| does| do| did| would| will| can| could| about| if| kind| sort| type| happens| else| other| exactly| options)|which|who|whose|why|where(?:['’]s| is| are| does| do| would| will| can)|when(?:['’]s| is| are| does| do| did| would| will| can| could)|(?:can|could|would|will|do|does|did|is|are|was|were|have|has|should|shall|may|might)(?:n['’]t)? (?:you|we|i|it|they|there|this|that|these|those|your|the|anyone|someone|he|she)|any (?:chance|idea|way)|i (?:was |am |['’]m )?wonder(?:ing)? (?:if|whether|how|what|why|when)|(?:can|could|may) i ask|do you know)\b`,
  'i',
);
/** Tags and back-channels that end in a question mark without asking anything. */
const TAG = /^(?:right|ok|okay|yeah|yes|yep|no|sorry|really|eh|huh|hmm|you know|is it|isn['’]t it|innit|pardon)?\W*$/i;

// The first topic whose keywords appear wins, in this order: a question about the price of an integration is about
// price, which is what the rep has to answer.
const TOPICS: [QuestionTopic, RegExp][] = [
  [
    'pricing',
    /\b(?:price|prices|pricing|priced|cost|costs|costing|fee|fees|discount|discounts|quote|quotation|budget|pay|paying|payment|invoice|invoiced|charge|charges|charged|cheaper|expensive|per (?:vehicle|van|truck|unit|user|month|year|driver)|how much (?:is|does|would|will|do|for|per|are)|roi|spend)\b|[£$€]\s?\d/i,
  ],
  [
    'contract',
    /\b(?:contract|contracts|minimum term|notice period|cancel|cancellation|commitment|renewal|renew|sla|slas|agreement|lock[- ]in|tied in|break clause|terms and conditions|t&cs|term length|rolling)\b/i,
  ],
  [
    'security',
    /\b(?:security|secure|gdpr|encrypt|encrypted|encryption|iso ?27001|iso|soc ?2|data protection|privacy|pen(?:etration)? test(?:ing)?|hosted|hosting|data (?:stored|held|kept|centre|center)|servers?|sso|single sign[- ]on|mfa|2fa|two[- ]factor|breach|breaches|compliance|compliant|cyber essentials)\b/i,
  ],
  [
    'integration',
    /\b(?:integrate|integrates|integrated|integration|integrations|api|apis|connect|connects|connector|connectors|sync|syncs|synchronise|plug into|plugs into|export|exports|import|webhooks?|erp|crm|payroll|sage|xero|quickbooks|salesforce|hubspot|dynamics|sap|oracle)\b/i,
  ],
  [
    'implementation',
    /\b(?:implement|implementing|implementation|install|installs|installing|installation|installed|fitting|fitted|fitters?|set ?up|setting up|onboarding|onboard|roll ?out|go[- ]live|go live|deploy|deployment|training|migrate|migration|lead time|engineers?|downtime|get started|up and running)\b/i,
  ],
  [
    'product',
    /\b(?:feature|features|dash ?cams?|cameras?|trackers?|tracking|gps|app|apps|dashboard|dashboards|reports?|reporting|alerts?|fuel|drivers?|driving|routes?|routing|tacho|tachograph|maintenance|hardware|devices?|functionality|demo|trial|geofenc\w*|speeding|idling|mpg|ev|evs|electric|mileage|journeys?|does it|can it|do you (?:have|offer|support))\b/i,
  ],
];

export function topicOf(text: string): QuestionTopic {
  for (const [topic, pattern] of TOPICS) if (pattern.test(text)) return topic;
  return 'other';
}

/** The questions in a piece of speech: sentences that end in "?" or open like a question, each with its topic. */
export function findQuestions(text: string): Question[] {
  const found: Question[] = [];
  for (const sentence of sentences(text)) {
    const asked = /\?[!?.]*$/.test(sentence.text);
    const body = sentence.text.replace(FILLER, '');
    if (asked ? TAG.test(body) || body === '' : !QUESTION_OPENING.test(body)) continue;
    found.push({ match: sentence.text, topic: topicOf(sentence.text), index: sentence.index });
  }
  return found;
}
