import {
  Button,
  ButtonRow,
  Flex,
  Heading,
  Input,
  LoadingButton,
  NumberInput,
  Text,
  Tile,
} from '@hubspot/ui-extensions';
import type { Battlecard, BattlecardCreate, BattlecardUpdate } from '@sdr/shared';
import { useState } from 'react';
import { backend } from '../backend/request.ts';
import { formatDate } from './lib/format.ts';
import { SECTION_TITLES } from '../lib/battlecard-sections.ts';
import { draftSection, nextSectionKey, sectionInput, type DraftSection } from './lib/sections.ts';
import { SaveFeedback } from './lib/SaveFeedback.tsx';
import { fieldError, useSave } from '../backend/useSave.ts';
import { SectionFields } from './SectionFields.tsx';

/**
 * A card's title, review interval and sections. A new card is created on the first save and edited from then on;
 * every later save is a new version on the service, the earlier ones kept.
 */
export function CardEditor({
  card,
  competitorId,
  competitorName,
  onSaved,
}: {
  card: Battlecard | null;
  competitorId: string;
  competitorName: string;
  onSaved: (card: Battlecard) => void;
}) {
  const [current, setCurrent] = useState(card);
  const [title, setTitle] = useState(card?.title ?? `Selling against ${competitorName}`);
  const [staleAfterDays, setStaleAfterDays] = useState(card?.staleAfterDays ?? 90);
  const [sections, setSections] = useState<DraftSection[]>(() =>
    card ? card.sections.map(draftSection) : [{ key: 'overview', title: 'Overview', body: '', items: [] }],
  );
  const save = useSave();
  const at = (field: string) => fieldError(save.errorAt(`body.${field}`));
  const placed = ['body.title', 'body.staleAfterDays', ...sections.map((_, index) => `body.sections.${index}`)];

  async function send(body: BattlecardCreate | BattlecardUpdate, done: string) {
    const saved = await save.run(
      () =>
        current
          ? backend<Battlecard>(`/v1/battlecards/${encodeURIComponent(current.id)}`, { method: 'PATCH', body })
          : backend<Battlecard>('/v1/battlecards', { method: 'POST', body }),
      done,
    );
    if (saved) {
      setCurrent(saved);
      onSaved(saved);
    }
  }

  const content = { title: title.trim(), staleAfterDays, sections: sections.map(sectionInput) };
  const saveCard = () =>
    send(
      current ? content : { competitorId, ...content },
      current ? 'The card is saved as a new version.' : 'The card is created. Reps see it from now on.',
    );
  const markReviewed = () => send({ reviewedAt: new Date().toISOString() }, 'The card is marked as reviewed today.');
  const addSection = () => {
    const key = nextSectionKey(sections);
    if (key) setSections([...sections, { key, title: SECTION_TITLES[key], body: '', items: [] }]);
  };

  return (
    <Tile testId="card-editor">
      <Flex direction="column" gap="sm">
        <Heading>{current ? current.title : `New card: ${competitorName}`}</Heading>
        {current ? (
          <Text variant="microcopy">{`Version ${current.version}, reviewed ${formatDate(current.reviewedAt)}`}</Text>
        ) : null}
        <Flex direction="row" gap="sm">
          <Input label="Title" name="card-title" value={title} onChange={setTitle} {...at('title')} />
          <NumberInput
            label="Review every (days)"
            name="card-stale"
            value={staleAfterDays}
            onChange={setStaleAfterDays}
            {...at('staleAfterDays')}
          />
        </Flex>
        {sections.map((section, index) => (
          <SectionFields
            key={section.key}
            section={section}
            index={index}
            errorAt={(field) => save.errorAt(`body.sections.${index}${field ? `.${field}` : ''}`)}
            onChange={(next) => setSections(sections.map((one, i) => (i === index ? next : one)))}
            onRemove={() => setSections(sections.filter((_, i) => i !== index))}
          />
        ))}
        <ButtonRow>
          <Button size="sm" onClick={addSection} disabled={!nextSectionKey(sections)} testId="add-section">
            Add a section
          </Button>
        </ButtonRow>
        <ButtonRow>
          <LoadingButton
            variant="primary"
            onClick={saveCard}
            loading={save.saving}
            disabled={save.saving}
            testId="save-card"
          >
            {current ? 'Save the card' : 'Create the card'}
          </LoadingButton>
          {current ? (
            <LoadingButton onClick={markReviewed} loading={save.saving} disabled={save.saving} testId="mark-reviewed">
              Mark as reviewed today
            </LoadingButton>
          ) : null}
        </ButtonRow>
        <SaveFeedback save={save} placed={placed} testId="card" />
      </Flex>
    </Tile>
  );
}
