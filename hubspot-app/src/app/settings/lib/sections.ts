import type { BattlecardCreate, BattlecardSection, BattlecardSectionKey } from '@sdr/shared';

export const SECTION_TITLES: Record<BattlecardSectionKey, string> = {
  overview: 'Overview',
  why_we_win: 'Why we win',
  their_strengths: 'Their strengths',
  their_weaknesses: 'Their weaknesses',
  landmines: 'Landmines to lay',
  objection_handlers: 'Objections',
  discovery_questions: 'Discovery questions',
  pricing: 'Pricing',
  proof_points: 'Proof points',
  talk_tracks: 'Talk tracks',
};

/** An item as edited: triggers typed comma-separated. */
export interface DraftItem {
  label: string;
  text: string;
  triggers: string;
}
export interface DraftSection {
  key: BattlecardSectionKey;
  title: string;
  body: string;
  items: DraftItem[];
}

export function draftSection(section: BattlecardSection): DraftSection {
  return {
    key: section.key,
    title: section.title,
    body: section.body,
    items: section.items.map((item) => ({
      label: item.label ?? '',
      text: item.text,
      triggers: item.triggers.join(', '),
    })),
  };
}

export function sectionInput(section: DraftSection): BattlecardCreate['sections'][number] {
  return {
    key: section.key,
    title: section.title.trim(),
    body: section.body,
    items: section.items.map((item) => ({
      label: item.label.trim() || null,
      text: item.text.trim(),
      triggers: item.triggers
        .split(',')
        .map((trigger) => trigger.trim())
        .filter(Boolean),
    })),
  };
}

/** The first section a card does not have yet: a key may appear once per card. */
export function nextSectionKey(sections: DraftSection[]): BattlecardSectionKey | null {
  const used = new Set(sections.map((section) => section.key));
  return (Object.keys(SECTION_TITLES) as BattlecardSectionKey[]).find((key) => !used.has(key)) ?? null;
}
