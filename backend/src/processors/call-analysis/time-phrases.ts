/**
 * The time a next step is due by, as said: "by Friday", "next week", "tomorrow", "on the 3rd", "in a couple of
 * days". Kept as the words, not a date: the analysis has no calendar, and "Friday" means the next one only to
 * whoever knows the call's date and time zone.
 */
const DAY = String.raw`(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)`;
const MONTH = String.raw`(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)`;
const ORDINAL = String.raw`\d{1,2}(?:st|nd|rd|th)`;
// "The first" is a date only with its month: "the first draft" is not.
const WORD_ORDINAL = String.raw`(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|twentieth|thirtieth)`;
const PART_OF_DAY = String.raw`(?:morning|afternoon|evening|lunchtime|lunch|night)`;
const COUNT = String.raw`(?:a|an|one|two|three|four|five|six|a few|a couple of|couple of|\d+)`;

const WHEN = [
  String.raw`(?:the )?end of (?:the |this |next )?(?:day|week|month|quarter|year|play|business)`,
  String.raw`close of (?:play|business)`,
  String.raw`(?:later |early |first thing )?(?:next|this|the coming) (?:week|month|quarter|year|weekend|${DAY}|${PART_OF_DAY})(?: ${PART_OF_DAY})?`,
  String.raw`(?:later |first thing )?(?:today|tomorrow|tonight)(?: ${PART_OF_DAY})?`,
  String.raw`first thing(?: in the morning)?`,
  String.raw`(?:the )?${ORDINAL}(?:(?: of)? ${MONTH})?`,
  String.raw`the ${WORD_ORDINAL} of ${MONTH}`,
  String.raw`(?:over )?the weekend`,
  String.raw`${MONTH} (?:the )?(?:${ORDINAL}|\d{1,2})\b`,
  String.raw`${DAY}(?: (?:the )?${ORDINAL})?(?: ${PART_OF_DAY})?`,
  String.raw`in (?:the next )?${COUNT} (?:days?|weeks?|hours?|minutes?)(?:['’]? time)?`,
  String.raw`within (?:the next )?${COUNT} (?:days?|weeks?|hours?)`,
  String.raw`(?:later|early) (?:this|next) (?:week|month)`,
  String.raw`eod|cob|eow|asap|this ${PART_OF_DAY}`,
];

const DUE = new RegExp(
  String.raw`\b(?:(?:by|on|before|until|till|for|from|at|around|after) )?(?:${WHEN.join('|')})\b`.replaceAll(
    ' ',
    String.raw`\s+`,
  ),
  'i',
);

export function dueOf(text: string): string | null {
  return DUE.exec(text)?.[0] ?? null;
}
