import type { BattlecardSectionKey } from '@sdr/shared';

/** The kinds of battlecard section, as the settings page offers them and the live-call card names its sources. */
export const SECTION_TITLES: Record<BattlecardSectionKey, string> = {
  overview: 'Overview',
  why_we_win: 'Why we win',
  their_strengths: 'Their strengths',
  their_weaknesses: 'Their weaknesses',
  landmines: 'Landmines to lay',
  objection_handlers: 'Objection handlers',
  discovery_questions: 'Discovery questions',
  pricing: 'Pricing',
  proof_points: 'Proof points',
  talk_tracks: 'Talk tracks',
};
