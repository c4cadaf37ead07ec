import { competitorMatcher } from '../../../src/processors/call-analysis/competitor-mentions.ts';
import type { Competitor } from '../../../src/processors/call-analysis/segment.ts';

/** The competitors a UK fleet-telematics vendor meets on its calls. */
export const COMPETITORS: Competitor[] = [
  {
    id: 'trakwell',
    name: 'Trakwell Telematics Ltd',
    aliases: ['Trakwell', 'Trak Well', 'TWT'],
    products: ['Trakwell Fleet', 'Trakwell DashCam'],
  },
  { id: 'routeline', name: 'Routeline', aliases: ['Route Line'], products: [] },
];

export const matcher = competitorMatcher(COMPETITORS);
