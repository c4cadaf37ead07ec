import type { BattlecardSection, BattlecardSectionKey } from '@sdr/shared';

/** A battlecard section as written: its text and, for sections with plays, the items reps see during calls. */
export interface SectionText {
  body: string;
  items?: BattlecardSection['items'];
}

/** A competitor and the battlecard the demo team keeps on it. */
export interface CompetitorDef {
  name: string;
  aliases: string[];
  products: string[];
  website: string;
  reviewedDaysAgo: number;
  sections: Partial<Record<BattlecardSectionKey, SectionText>>;
}

/** The heading each battlecard section is shown under. */
export const SECTION_TITLES: Partial<Record<BattlecardSectionKey, string>> = {
  why_we_win: 'Why we win',
  their_strengths: 'Their strengths',
  landmines: 'Landmines to lay',
  objection_handlers: 'Objection handlers',
  pricing: 'Pricing',
  talk_tracks: 'Talk tracks',
};
