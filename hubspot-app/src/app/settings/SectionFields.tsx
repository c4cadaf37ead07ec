import { Button, ButtonRow, Flex, Input, Select, TextArea, Tile } from '@hubspot/ui-extensions';
import type { BattlecardSectionKey } from '@sdr/shared';
import { SECTION_TITLES } from '../lib/battlecard-sections.ts';
import type { DraftItem, DraftSection } from './lib/sections.ts';
import { fieldError } from '../backend/useSave.ts';

const KINDS = Object.entries(SECTION_TITLES).map(([value, label]) => ({ value, label }));

/** A section of a card and its items; an item's triggers are the phrases that bring it up during a call. */
export function SectionFields({
  section,
  index,
  errorAt,
  onChange,
  onRemove,
}: {
  section: DraftSection;
  index: number;
  errorAt: (field: string) => string | undefined;
  onChange: (section: DraftSection) => void;
  onRemove: () => void;
}) {
  const setItem = (at: number, change: Partial<DraftItem>) =>
    onChange({ ...section, items: section.items.map((item, i) => (i === at ? { ...item, ...change } : item)) });

  return (
    <Tile compact testId={`section-${section.key}`}>
      <Flex direction="column" gap="xs">
        <Flex direction="row" gap="sm">
          <Select
            label="Kind"
            name={`section-key-${index}`}
            value={section.key}
            options={KINDS}
            onChange={(key) => onChange({ ...section, key: key as BattlecardSectionKey })}
            {...fieldError(errorAt('key'))}
          />
          <Input
            label="Heading"
            name={`section-title-${index}`}
            value={section.title}
            onChange={(title) => onChange({ ...section, title })}
            {...fieldError(errorAt('title'))}
          />
        </Flex>
        <TextArea
          label="Text (Markdown)"
          name={`section-body-${index}`}
          value={section.body}
          rows={4}
          onChange={(body) => onChange({ ...section, body })}
          {...fieldError(errorAt('body'))}
        />
        {section.items.map((item, at) => (
          <Flex key={at} direction="row" gap="sm" align="end">
            <Input
              label="Answers (optional)"
              name={`section-${index}-item-label-${at}`}
              value={item.label}
              onChange={(label) => setItem(at, { label })}
              {...fieldError(errorAt(`items.${at}.label`))}
            />
            <TextArea
              label="What to say"
              name={`section-${index}-item-text-${at}`}
              value={item.text}
              onChange={(text) => setItem(at, { text })}
              {...fieldError(errorAt(`items.${at}.text`))}
            />
            <Input
              label="Heard on a call as (comma-separated)"
              name={`section-${index}-item-triggers-${at}`}
              value={item.triggers}
              onChange={(triggers) => setItem(at, { triggers })}
              {...fieldError(errorAt(`items.${at}.triggers`))}
            />
            <Button
              size="sm"
              variant="transparent"
              onClick={() => onChange({ ...section, items: section.items.filter((_, i) => i !== at) })}
            >
              Remove
            </Button>
          </Flex>
        ))}
        <ButtonRow>
          <Button
            size="sm"
            testId={`add-item-${index}`}
            onClick={() => onChange({ ...section, items: [...section.items, { label: '', text: '', triggers: '' }] })}
          >
            Add an item
          </Button>
          <Button size="sm" variant="destructive" onClick={onRemove}>
            Remove the section
          </Button>
        </ButtonRow>
      </Flex>
    </Tile>
  );
}
