import type { Mention } from './competitor-mentions.ts';
import { negatedBefore } from './negation.ts';
import { phrasePattern } from './phrase-pattern.ts';

export type ObjectionKind = 'price' | 'timing' | 'authority' | 'need' | 'incumbent' | 'competitor';

export interface Objection {
  kind: ObjectionKind;
  /** The words that raised it. */
  match: string;
  confidence: number;
  /** Offset of `match` in the text. */
  index: number;
  /** For objections built on a competitor mention. */
  competitorId?: string;
}

interface Rule {
  kind: ObjectionKind;
  confidence: number;
  pattern: RegExp;
  /** The phrase carries its own negation ("can't afford"), so a negation before it does not cancel it. */
  selfNegated: boolean;
}

const ROLE = String.raw`(?:boss|manager|line manager|director|directors|md|ceo|cfo|coo|fd|gm|general manager|finance director|managing director|ops director|operations director|finance(?: team)?|team|board|partner|partners|owner|owners|head office|procurement(?: team)?|it(?: team)?|management|higher[- ]ups|superiors?|colleagues?|business partner|chairman|powers that be)`;

// [kind, confidence, phrase, selfNegated]. Confidence says how reliably the phrase means an objection on a sales
// call: "too expensive" nearly always does, a bare "next quarter" often does not.
const RULES: [ObjectionKind, number, string, boolean?][] = [
  // price
  [
    'price',
    0.9,
    '(?:too|way too|far too|a bit|a little|bit|quite|very|really|pretty|rather|so|super|awfully) (?:expensive|pricey|pricy|costly|steep|dear)',
  ],
  ['price', 0.7, 'expensive|pricey|pricy|overpriced|costly'],
  ['price', 0.6, 'cheaper(?! than (?:what we|our|we))'],
  ['price', 0.8, '(?:cheaper|better|lower|more competitive) (?:price|prices|pricing|deal|quote|offer|rate|rates)'],
  ['price', 0.9, '(?:out of|over|outside|above|beyond|exceeds?|blows?|busts?) (?:our|my|the) budget'],
  [
    'price',
    0.85,
    "(?:no|not enough|(?:don't|do not) have (?:the |any |enough |a )?|haven't got (?:the |any |enough |a )?)budget",
    true,
  ],
  ['price', 0.9, "(?:can't|cannot|can not|couldn't) (?:really |possibly |quite )?afford", true],
  ['price', 0.85, 'no way (?:we|I) (?:can|could) afford', true],
  [
    'price',
    0.85,
    "(?:can't|cannot|can not|couldn't) justify (?:the |that |this |spending |paying )?(?:cost|price|spend|expense|investment|money|that much|that kind of money)",
    true,
  ],
  [
    'price',
    0.9,
    "(?:price|prices|pricing|cost|costs|budget|budgets|fees?|money)(?: is| are|'s| was| were| would be| will be| might be| could be| seems| seem| becomes) (?:(?:a|an|the|our|my) )?(?:bit of (?:a |an )?)?(?:(?:big|real|major|main|huge|slight|massive|key) )?(?:issue|problem|concern|sticking point|stumbling block|challenge|worry|hurdle|blocker)",
  ],
  [
    'price',
    0.85,
    "(?:price|prices|pricing|cost|costs|quote)(?: is| are|'s| was| were| seems| seem) (?:(?:a bit|a little|quite|very|really|pretty|far|way|too) )*(?:high|steep|a lot|too much)",
  ],
  [
    'price',
    0.85,
    "budgets?(?: is| are|'s| has been| have been) (?:(?:really|very|quite|pretty|super|so|a bit) )?(?:tight|stretched|limited|frozen|gone|spent|cut|used up)",
  ],
  ['price', 0.8, '(?:tight|limited|small|frozen) budgets?|budget freeze|spending freeze|freeze on spending'],
  [
    'price',
    0.8,
    "(?:more|over|higher) than (?:we're|we are|we|I'm|I am|I) (?:want to|willing to|able to|prepared to|can|could|would|looking to|hoping to) (?:pay|spend)",
  ],
  ['price', 0.75, "(?:more|higher) than (?:what )?(?:we|I) (?:currently )?(?:pay|spend|'re paying|are paying)"],
  ['price', 0.75, "(?:isn't|is not|'s not|not) (?:exactly |that |very |really )?cheap", true],
  // timing
  ['timing', 0.9, 'not (?:really )?(?:the|a) (?:right|good|great|ideal|best) (?:time|moment|timing)', true],
  ['timing', 0.85, '(?:bad|wrong|poor|tricky|difficult|awkward|busy) (?:time|timing|moment|period)'],
  [
    'timing',
    0.85,
    "timing(?: isn't| is not|'s not| just isn't| is just not) (?:(?:quite|really) )?(?:right|great|ideal|good|there)",
    true,
  ],
  [
    'timing',
    0.85,
    "timing(?: is|'s) (?:(?:a bit|just|really) )?(?:an? )?(?:issue|problem|off|wrong|tricky|bad|awkward)",
  ],
  [
    'timing',
    0.6,
    '(?:next|the next) (?:quarter|year|financial year|fiscal year|budget cycle|spring|summer|autumn|winter|q[1-4])',
  ],
  [
    'timing',
    0.6,
    '(?:until|till|after) (?:q[1-4]|the new year|new year|the new financial year|the summer|christmas|the holidays|the spring|the autumn)',
  ],
  [
    'timing',
    0.85,
    '(?:call|ring|phone|email|contact|try|reach|chase) (?:me|us) (?:back )?(?:again )?(?:in|next|after|later|towards|around|closer to)',
  ],
  ['timing', 0.7, '(?:call|ring) (?:me|us) back'],
  [
    'timing',
    0.8,
    '(?:get|come|circle|reach) back (?:to (?:me|us|you) )?in (?:a few|a couple of|a|one|two|three|four|six|\\w+) (?:weeks|months|week|month)',
  ],
  [
    'timing',
    0.8,
    '(?:revisit|look at|pick|think about|review|reconsider|come back to) (?:this|it|that|things)(?: up)? (?:again )?(?:in|next|later|after|towards|closer to)',
  ],
  [
    'timing',
    0.85,
    '(?:too|very|really|quite|so|crazy|incredibly|pretty|extremely|super|rather) (?:busy|swamped|stretched|snowed under|flat out|hectic|slammed)',
  ],
  ['timing', 0.75, "(?:got|have|'ve got) (?:a lot|too much|so much|loads|lots) (?:on|going on)"],
  [
    'timing',
    0.7,
    '(?:maybe|perhaps|possibly) (?:later|another time|down the line|further down the line|in the future)',
  ],
  ['timing', 0.7, 'not (?:right )?now|not at the moment|not just yet', true],
  ['timing', 0.6, "in (?:a few|a couple of|six|three|two|\\d+) months(?:'? time)?|later in the year"],
  // authority
  [
    'authority',
    0.85,
    `(?:check(?: it| this| that)?|speak|talk|run (?:it|this|that|things) (?:past|by)|discuss (?:it|this|that)|clear (?:it|this|that)|ask|consult|loop in|get (?:it|this|that) (?:signed off|approved) by|get (?:approval|sign[- ]?off) from) (?:with |to |by |past )?(?:my|our|the) (?:\\w+ )?${ROLE}`,
  ],
  [
    'authority',
    0.9,
    'not (?:really |entirely |solely |just )?(?:my (?:decision|call|choice|department|budget)|up to me|for me to (?:decide|say|sign off)|(?:the|a) (?:decision[- ]maker|person (?:who|that) (?:decides|signs)|budget holder|one (?:who|that) decides))',
    true,
  ],
  [
    'authority',
    0.85,
    "(?:can't|cannot|can not|don't|do not|couldn't|won't) (?:make|take) (?:that|this|the|those|these|any|a) (?:final )?(?:decision|decisions|call)",
    true,
  ],
  [
    'authority',
    0.85,
    "(?:can't|cannot|can not|don't|do not|couldn't) (?:sign (?:it |this |that |anything )?off|sign off on|approve|authori[sz]e|sign contracts|sign anything)",
    true,
  ],
  [
    'authority',
    0.85,
    `(?:the|my|our) (?:\\w+ )?(?:board|boss|directors?|md|ceo|cfo|fd|owners?|partners|head office|procurement|finance|management|committee|group|parent company|manager) (?:decides?|makes? (?:the|that|those|these|all the) (?:final )?(?:decision|decisions|call)|(?:has|have|would have|will have|needs?|would need|will need) to (?:approve|sign|decide|agree|sign off|sign it off|see|review|look at)|signs? off|approves?|(?:has|have) the (?:final|last) (?:say|word)|holds? the purse strings)`,
  ],
  [
    'authority',
    0.8,
    "(?:need|needs|require|requires|have to get|has to get|'ll need|will need) (?:a |the )?(?:sign[- ]?off|approval|buy[- ]in|authori[sz]ation)",
  ],
  ['authority', 0.9, 'above my pay ?grade'],
  [
    'authority',
    0.85,
    '(?:has|have|needs?|would need|will need) to go (?:to|through|past|before) (?:the |our |my )?(?:board|procurement|finance|committee|head office|management|boss|director|directors|tender)',
  ],
  [
    'authority',
    0.75,
    "decisions?(?: is| are|'s| will be| would be| gets| get) (?:made|taken) (?:by|at|above|higher|further up|centrally)",
  ],
  // need
  [
    'need',
    0.85,
    "(?:don't|do not|dont|doesn't|does not) (?:really |actually |even |currently |honestly |particularly )?(?:need|require)(?! to\\b)",
    true,
  ],
  [
    'need',
    0.85,
    "(?:no|not any|not much|(?:don't|do not) have (?:a|any)) (?:real |actual |genuine |immediate |pressing )?(?:need|requirement|use case|appetite|demand) (?:for|at the moment|right now)",
    true,
  ],
  ['need', 0.8, "(?:don't|do not|can't) see (?:the |a |any |much )?(?:point|value|need|benefit|use)", true],
  [
    'need',
    0.85,
    "(?:not|isn't|aren't|wasn't) (?:really |currently |exactly |actually )?(?:a |an |our |the )?(?:top |high |big |main |real )?(?:priority|focus)",
    true,
  ],
  [
    'need',
    0.8,
    '(?:low|lower) (?:on (?:the|our|my) )?(?:priority|list|agenda)|not high on (?:the|our|my) (?:list|agenda|radar|priorities)|not on (?:our|the|my) radar|back ?burner',
    true,
  ],
  [
    'need',
    0.85,
    "(?:happy|satisfied|content|fine|good|ok|okay|sorted|comfortable) with (?:what we(?:'ve| have)?(?: got)?|what we use|our (?:current |existing )?(?:setup|set-up|system|solution|provider|supplier|vendor|process|processes|tracking|arrangement)|the (?:current |existing )?(?:setup|set-up|system|solution|provider|supplier|arrangement|way things are)|how (?:things|it) (?:are|is|works)|things as they are)",
  ],
  ['need', 0.8, 'not (?:really |that |particularly |at all )?interested|no interest', true],
  [
    'need',
    0.75,
    "(?:doesn't|does not|don't|do not|wouldn't|won't) (?:really )?(?:fit|apply to|suit|work for|make sense for) (?:us|our|what we)",
    true,
  ],
  [
    'need',
    0.7,
    "(?:we|we've|we have) (?:manage|managed|get by|got by|cope|coped|do|done) (?:fine|ok|okay|alright|just fine|perfectly well|well enough)",
  ],
  ['need', 0.7, '(?:works?|working|doing) (?:fine|well|ok|okay|alright|perfectly well|the job) for us'],
  [
    'need',
    0.75,
    "(?:not|isn't|wasn't) (?:really )?(?:something|anything) (?:we|I) (?:need|want|require|are looking for|'re looking for)",
    true,
  ],
  ['need', 0.75, "(?:not|aren't) (?:really |currently |actively )?(?:looking|in the market) for", true],
  ['need', 0.75, '(?:no|not any) (?:plans?|intention) to (?:change|switch|move|replace|look)', true],
  // incumbent
  [
    'incumbent',
    0.85,
    "already (?:use|using|run|running|work with|working with|signed (?:up )?with|pay for|paying for|have (?!\\d)|got (?!\\d)|'ve got (?!\\d))|currently (?:use|using|run|running|work with|working with|signed (?:up )?with|pay for|paying for)",
  ],
  [
    'incumbent',
    0.9,
    '(?:locked|tied|stuck|signed) (?:into|in to|in|up to) (?:a |an |our |the |their )?(?:[\\w-]+ ){0,2}(?:contract|agreement|deal|term)',
  ],
  [
    'incumbent',
    0.8,
    "(?:under|in) (?:a |an )?contract (?:with|until|till|for|through)|(?:contract|agreement|deal)(?:'s| is)? (?:runs|goes|lasts|up|ends|expires|doesn't end|does not end|isn't up|has (?:another|a))",
  ],
  [
    'incumbent',
    0.75,
    '(?:our|the) (?:current|existing|present|incumbent) (?:provider|supplier|vendor|system|solution|platform|contract|partner|setup|set-up|tracking|telematics|trackers?|arrangement|kit)',
  ],
  [
    'incumbent',
    0.9,
    '(?:just|recently|only just|literally just) (?:renewed|re-signed|extended|signed (?:a |another |a new )?(?:[\\w-]+ )?(?:contract|deal|agreement|renewal))',
  ],
  [
    'incumbent',
    0.75,
    '(?:switching|changing|moving|migrating) (?:(?:providers?|suppliers?|vendors?|systems?|over) )?(?:would be|is|sounds like|will be) (?:a |too much |too big |such a )?(?:hassle|pain|headache|nightmare|effort|risk|lot of work|upheaval|disruption)',
  ],
  [
    'incumbent',
    0.7,
    "(?:been|are|'re) (?:with|using) (?:them|our provider|our supplier) for (?:years|ages|a while|a long time|\\d+ years|a few years|so long)",
  ],
];

const COMPILED: Rule[] = RULES.map(([kind, confidence, source, selfNegated]) => ({
  kind,
  confidence,
  pattern: phrasePattern(source),
  selfNegated: selfNegated ?? false,
}));

/** What a prospect says just before a competitor's name when weighing it up, or already using it. */
const BEFORE_MENTION: [ObjectionKind, number, RegExp][] = [
  [
    'competitor',
    0.8,
    /\b(?:trialling|trialing|trialled|trialed|trial|testing|piloting|evaluating|looking at|talking to|talking with|speaking to|speaking with|in talks with|considering|demoing|had a demo (?:from|with|of)|seen a demo (?:from|of)|(?:got|getting|had) (?:a )?quotes? from|comparing (?:you|this|it|that) (?:with|to|against)|compared (?:to|with)|versus|vs\.?|prefer|preferred|rather go with|rather have|leaning towards|going with|go with|went with|switch(?:ing)? to|moving to|move to|signed with|sign with|happier with|better off with|shortlisted|recommended)\s+(?:(?:the|a|an|their|them|with|at|to|from|of|for)\s+)?$/i,
  ],
  [
    'incumbent',
    0.85,
    /\b(?:we|we're|we are|we've|we have|I|I'm|I've)\s+(?:(?:already|currently|still|been|just|also|got|all)\s+)*(?:use|using|used|with|on|run|running|paying|pay)\s+(?:(?:the|a)\s+)?$/i,
  ],
];

/** What follows a competitor's name when it is held up against us: "Trakwell is cheaper", "Trakwell does that already". */
const AFTER_MENTION: [number, RegExp][] = [
  [
    0.85,
    /^\s*(?:\w+\s+)?(?:is|are|was|were|['’]s|came in|come in|comes in|seem|seems|look|looks|would be|['’]d be|works out|work out)\s+(?:(?:a lot|a good bit|much|way|far|quite a bit|significantly|a bit|a little|slightly|loads|miles|so much|definitely|probably|actually|also|even|already)\s+)*(?:cheaper|better|less expensive|more affordable|more competitive|easier|simpler|faster|quicker|more flexible|lower|half the price|the cheaper|better value|ahead)\b/i,
  ],
  [
    0.8,
    /^\s*(?:(?:already|also|just)\s+)?(?:does|do|did|has|have|can do|could do)\s+(?:that|this|it|the same|all (?:that|of that|of this)|everything)\b/i,
  ],
  [
    0.75,
    /^\s*(?:(?:already|also|just)\s+)?(?:quoted|offered|offers|pitched|promised|undercut|beat|beats|matched|matches|gave us|give us|gives us|include|includes|included)\b/i,
  ],
];

const CONTEXT_CHARS = 120;

function clauseAround(text: string, start: number, end: number) {
  let from = start;
  while (from > 0 && start - from < CONTEXT_CHARS && !/[.!?;]/.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && to - end < CONTEXT_CHARS && !/[.!?;]/.test(text[to]!)) to++;
  return { before: text.slice(from, start), beforeStart: from, after: text.slice(end, to) };
}

function mentionObjections(text: string, mentions: Mention[]): Objection[] {
  const found: Objection[] = [];
  for (const mention of mentions) {
    const end = mention.index + mention.match.length;
    if (negatedBefore(text, mention.index)) continue;
    const { before, beforeStart, after } = clauseAround(text, mention.index, end);
    for (const [kind, confidence, pattern] of BEFORE_MENTION) {
      const m = pattern.exec(before);
      if (!m || negatedBefore(text, beforeStart + m.index)) continue;
      const index = beforeStart + m.index;
      found.push({
        kind,
        match: text.slice(index, end),
        confidence: Math.round(confidence * mention.confidence * 100) / 100,
        index,
        competitorId: mention.competitorId,
      });
    }
    for (const [confidence, pattern] of AFTER_MENTION) {
      const m = pattern.exec(after);
      if (!m) continue;
      found.push({
        kind: 'competitor',
        match: text.slice(mention.index, end + m[0].length),
        confidence: Math.round(confidence * mention.confidence * 100) / 100,
        index: mention.index,
        competitorId: mention.competitorId,
      });
      break;
    }
  }
  return found;
}

/**
 * Objections in what a prospect said, by phrase rules for typical sales-call English, and competitor objections
 * from the mentions found in the same text (a comparison or a preference next to a competitor's name). A phrase
 * negated earlier in its clause is not an objection: "price isn't a problem", "I don't think it's too expensive".
 *
 * Only meaningful for the prospect's speech: a rep saying "I know it can look expensive" is handling an
 * objection, not raising one. The caller filters by speaker (analyseSegment does).
 *
 * Overlapping phrases of one kind give one objection: the one naming a competitor, else the most confident.
 */
export function findObjections(text: string, mentions: Mention[]): Objection[] {
  const found: Objection[] = [];
  for (const rule of COMPILED) {
    rule.pattern.lastIndex = 0;
    for (const m of text.matchAll(rule.pattern)) {
      if (!rule.selfNegated && negatedBefore(text, m.index)) continue;
      found.push({ kind: rule.kind, match: m[0], confidence: rule.confidence, index: m.index });
    }
  }
  if (mentions.length > 0) found.push(...mentionObjections(text, mentions));

  // Of overlapping objections of one kind, one naming the competitor ("we already use Trakwell") says more than
  // the bare phrase ("already use").
  found.sort(
    (a, b) =>
      Number(b.competitorId !== undefined) - Number(a.competitorId !== undefined) ||
      b.confidence - a.confidence ||
      b.match.length - a.match.length ||
      a.index - b.index,
  );
  const kept: Objection[] = [];
  for (const objection of found) {
    const end = objection.index + objection.match.length;
    const overlaps = kept.some(
      (k) => k.kind === objection.kind && k.index < end && objection.index < k.index + k.match.length,
    );
    if (!overlaps) kept.push(objection);
  }
  return kept.sort((a, b) => a.index - b.index || a.kind.localeCompare(b.kind));
}
