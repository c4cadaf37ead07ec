import type { Fact, KeyPerson, ResearchEvent, RiskFlag, TalkingPoint } from '@sdr/shared';
import { longDate } from './wording.ts';

export interface TalkingPointMaterial {
  companyName: string;
  facts: Fact[];
  keyPeople: KeyPerson[];
  recentEvents: ResearchEvent[];
  riskFlags: RiskFlag[];
  competitorFacts: string[];
  pipelineFact: string | null;
  contactFacts: string[];
  sizeFact: string | null;
  lastTouchFact: string | null;
  ageFact: string | null;
  industryFact: string | null;
}

const MAX_POINTS = 5;

/**
 * Talking points from templates, most useful first: what changed lately, who is in the deal, when we last spoke,
 * then what the company is. Each rests on the facts it names, so it is as true as they are.
 */
export function talkingPointsFromTemplates(material: TalkingPointMaterial): TalkingPoint[] {
  const points: TalkingPoint[] = [];
  const appointed = material.recentEvents.find((event) => / appointed /.test(event.title));
  if (appointed) {
    const person = appointed.title.replace(/ appointed .*$/, '');
    points.push({
      text: `${person} joined the board on ${longDate(appointed.date)}: new leaders often review suppliers early, so ask what ${person} wants to change.`,
      factIds: appointed.factIds,
    });
  }
  for (const factId of material.competitorFacts.slice(0, 2)) {
    const competitor = material.facts.find((fact) => fact.id === factId)?.value;
    if (typeof competitor === 'string')
      points.push({
        text: `${competitor} is already in the conversation: open the battlecard and lead with where we win against ${competitor}.`,
        factIds: [factId],
      });
  }
  const charge = material.recentEvents.find((event) => event.title.startsWith('New charge'));
  if (charge)
    points.push({
      text: `A new charge registered on ${longDate(charge.date)} suggests fresh borrowing: ask what the investment is for.`,
      factIds: charge.factIds,
    });
  const renamed = material.recentEvents.find((event) => event.title.startsWith('Changed its name'));
  if (renamed)
    points.push({
      text: `${material.companyName} changed its name on ${longDate(renamed.date)}: a rebrand often comes with new priorities worth asking about.`,
      factIds: renamed.factIds,
    });
  const serious = material.riskFlags.find((flag) => flag.severity === 'high');
  if (serious)
    points.push({
      text: `Check the company's standing before quoting: ${serious.text.charAt(0).toLowerCase()}${serious.text.slice(1)}.`,
      factIds: serious.factIds,
    });
  if (material.lastTouchFact) {
    const touch = material.facts.find((fact) => fact.id === material.lastTouchFact);
    if (touch && typeof touch.value === 'string')
      points.push({
        text: `The last touch was on ${longDate(touch.value)}: pick up the thread from there rather than starting cold.`,
        factIds: [touch.id],
      });
  }
  if (material.pipelineFact)
    points.push({
      text: 'There is already an open opportunity: find out what has to happen for it to move, and who decides.',
      factIds: [material.pipelineFact],
    });
  for (const factId of material.contactFacts.slice(0, 1)) {
    const contact = material.facts.find((fact) => fact.id === factId);
    const name = contact?.statement.replace(/ is .*$/, '');
    if (contact && name && typeof contact.value === 'string')
      points.push({
        text: `Ask ${name} how their team handles this today: as ${contact.value} they know where it hurts.`,
        factIds: [factId],
      });
  }
  const director = material.keyPeople.find((person) => /director|member/i.test(person.role));
  if (director && !appointed)
    points.push({
      text: `Ask for ${director.name}'s view: as ${director.role.toLowerCase()} they can sponsor a change.`,
      factIds: director.factIds,
    });
  if (material.ageFact) {
    const age = material.facts.find((fact) => fact.id === material.ageFact)?.value;
    if (typeof age === 'number' && age >= 2)
      points.push({
        text: `After ${age} years in business, ask what has held them back from changing how they work until now.`,
        factIds: [material.ageFact],
      });
  }
  if (material.sizeFact)
    points.push({
      text: 'Size the conversation to the company: ask how many people and sites the change would touch.',
      factIds: [material.sizeFact],
    });
  if (material.industryFact)
    points.push({
      text: 'Use a customer story from their industry to open: it shows we know how businesses like theirs run.',
      factIds: [material.industryFact],
    });
  return points.slice(0, MAX_POINTS);
}
