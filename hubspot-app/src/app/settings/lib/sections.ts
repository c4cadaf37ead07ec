import type { BattlecardCreate, BattlecardSection, BattlecardSectionKey } from '@sdr/shared';
import { SECTION_TITLES } from '../../lib/battlecard-sections.ts';
import { listFromText, textFromList } from './format.ts';

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
      triggers: textFromList(item.triggers),
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
      triggers: listFromText(item.triggers),
    })),
  };
}

/** The first section a card does not have yet: a key may appear once per card. */
export function nextSectionKey(sections: DraftSection[]): BattlecardSectionKey | null {
  const used = new Set(sections.map((section) => section.key));
  return (Object.keys(SECTION_TITLES) as BattlecardSectionKey[]).find((key) => !used.has(key)) ?? null;
}
