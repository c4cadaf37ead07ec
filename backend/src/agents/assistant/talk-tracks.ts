/**
 * What to say when no battlecard has an answer: short, tested talk tracks for the objections every SDR hears.
 * A tenant's own cards come first; these keep the assistant useful on day one, before anyone has written a card.
 */

export type ObjectionKind = 'price' | 'timing' | 'authority' | 'need' | 'incumbent' | 'competitor';

export const OBJECTION_TRACKS: Record<ObjectionKind, { title: string; body: string }> = {
  price: {
    title: 'Price objection',
    body:
      'Acknowledge it, then move from price to cost: "Fair question. Compared with what you spend today on the ' +
      'problem, where would this need to land to be an easy yes?" Ask what they are comparing against.',
  },
  timing: {
    title: 'Timing objection',
    body:
      'Find out what changes later: "What will be different next quarter?" If it is a real event, agree a date ' +
      'and a reason to talk then; if not, ask what it costs them to wait.',
  },
  authority: {
    title: 'Someone else decides',
    body:
      'Make them the champion: "Who else would weigh in, and what will they care about most?" Offer a short ' +
      'summary they can forward, and ask to include that person in the next call.',
  },
  need: {
    title: 'No need (yet)',
    body:
      'Check the status quo instead of pushing: "How are you handling it today, and what would make you look ' +
      'at it again?" Listen for a pain you can quantify.',
  },
  incumbent: {
    title: 'They already have a provider',
    body:
      '"What do you like about it, and if you could change one thing, what would it be?" Ask when the contract ' +
      'renews; offer a side-by-side before then rather than a switch now.',
  },
  competitor: {
    title: 'A competitor is in play',
    body:
      'Do not knock them. Ask how far along they are and what made them look, then set the criteria: "What ' +
      'would the right choice have to do for you?"',
  },
};

export const COMPETITOR_TRACK = {
  title: 'Competitor mentioned',
  body: 'Ask what they like about it and what they would change; steer to where we are strongest.',
};
