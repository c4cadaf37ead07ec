import { Accordion, Divider, Flex, Heading, List, SearchInput, StatusTag, Text } from '@hubspot/ui-extensions';
import type {
  Battlecard,
  BattlecardSearchHit,
  BattlecardSearchResults,
  BattlecardSection,
  BattlecardsInPlay,
  CompetitorInPlay,
} from '@sdr/shared';
import { useState } from 'react';
import { useBackend } from '../backend/useBackend.ts';
import { Failure, Loading, Notice } from '../components/PanelStates.tsx';
import { formatDate } from '../lib/format.ts';
import { markdownBlocks, plainText, timeAgo } from './lib/format.ts';

export const NOTHING_IN_PLAY = 'No competitors have come up on this record’s calls or deals yet.';

/**
 * The battlecards of the competitors named on a record's calls and deals (contact, company or deal: the service
 * works out which from the CRM id), and a search over every card for the ones not named yet.
 */
export function BattlecardsPanel({ crmId }: { crmId: string | null }) {
  return (
    <Flex direction="column" gap="md">
      <CardSearch />
      <Divider />
      <InPlay crmId={crmId} />
    </Flex>
  );
}

function InPlay({ crmId }: { crmId: string | null }) {
  const inPlay = useBackend<BattlecardsInPlay>(crmId === null ? null : '/v1/battlecards/in-play', {
    crmId: crmId ?? undefined,
  });
  if (inPlay.status === 'loading') return <Loading label="Loading battlecards" />;
  if (inPlay.status === 'error')
    return <Failure title="Could not load the battlecards" message={inPlay.error.message} onRetry={inPlay.reload} />;
  if (inPlay.data.data.length === 0) return <Notice title="No competitors in play">{NOTHING_IN_PLAY}</Notice>;
  return (
    <Flex direction="column" gap="md">
      {inPlay.data.data.map((entry) => (
        <CompetitorCards key={entry.competitor.id} entry={entry} />
      ))}
    </Flex>
  );
}

function mentionText({ mentions }: CompetitorInPlay): string {
  const parts: string[] = [];
  if (mentions.calls > 0) parts.push(`Named on ${mentions.calls} call${mentions.calls === 1 ? '' : 's'}`);
  if (mentions.lastAt) parts.push(`last ${timeAgo(mentions.lastAt)}`);
  if (mentions.deals.length > 0)
    parts.push(`on ${mentions.deals.length} deal${mentions.deals.length === 1 ? '' : 's'}`);
  return parts.join(', ');
}

function CompetitorCards({ entry }: { entry: CompetitorInPlay }) {
  return (
    <Flex direction="column" gap="sm" testId={`competitor-${entry.competitor.id}`}>
      <Heading>{entry.competitor.name}</Heading>
      <Text variant="microcopy">{mentionText(entry)}</Text>
      {entry.cards.length === 0 ? (
        <Text>{`No battlecard has been written for ${entry.competitor.name} yet.`}</Text>
      ) : (
        entry.cards.map((card) => <CardView key={card.id} card={card} />)
      )}
    </Flex>
  );
}

function CardView({ card }: { card: Battlecard }) {
  return (
    <Flex direction="column" gap="xs" testId={`card-${card.id}`}>
      <Flex direction="row" gap="xs" align="center" wrap>
        <Text format={{ fontWeight: 'demibold' }}>{card.title}</Text>
        {card.stale && (
          <StatusTag variant="warning" testId="stale">
            Needs review
          </StatusTag>
        )}
      </Flex>
      <Text variant="microcopy">{`Last reviewed ${formatDate(card.reviewedAt)}`}</Text>
      {card.sections.map((section) => (
        <SectionView key={section.key} section={section} />
      ))}
    </Flex>
  );
}

function SectionView({ section }: { section: BattlecardSection }) {
  return (
    <Accordion title={section.title} size="sm" testId={`section-${section.key}`}>
      <Flex direction="column" gap="xs">
        <MarkdownText markdown={section.body} />
        {section.items.map((item, index) => (
          <Flex direction="column" gap="flush" key={`${section.key}-${index}`}>
            {item.label && <Text format={{ fontWeight: 'demibold' }}>{plainText(item.label)}</Text>}
            <Text>{plainText(item.text)}</Text>
          </Flex>
        ))}
      </Flex>
    </Accordion>
  );
}

/** Markdown shown as plain text: paragraphs, then bullets as a list. Never rendered as HTML. */
export function MarkdownText({ markdown }: { markdown: string }) {
  const { paragraphs, bullets } = markdownBlocks(markdown);
  return (
    <>
      {paragraphs.map((paragraph, index) => (
        <Text key={`p-${index}`}>{paragraph}</Text>
      ))}
      {bullets.length > 0 && (
        <List variant="unordered">
          {bullets.map((bullet, index) => (
            <Text key={`b-${index}`}>{bullet}</Text>
          ))}
        </List>
      )}
    </>
  );
}

function CardSearch() {
  const [query, setQuery] = useState('');
  const words = query.trim();
  return (
    <Flex direction="column" gap="sm">
      <SearchInput
        label="Search all battlecards"
        name="battlecard-search"
        placeholder="e.g. cheaper per vehicle"
        clearable
        onChange={(value) => setQuery(value ?? '')}
        testId="battlecard-search"
      />
      {words && <SearchResults words={words.slice(0, 500)} />}
    </Flex>
  );
}

function SearchResults({ words }: { words: string }) {
  const results = useBackend<BattlecardSearchResults>('/v1/battlecards/search', { q: words, limit: 10 });
  if (results.status === 'loading') return <Loading label="Searching" />;
  if (results.status === 'error')
    return <Failure title="Search did not work" message={results.error.message} onRetry={results.reload} />;
  if (results.data.data.length === 0) return <Text testId="no-matches">{`Nothing matches “${words}”.`}</Text>;
  return (
    <Flex direction="column" gap="sm" testId="search-results">
      {results.data.data.map((hit) => (
        <SearchHit key={`${hit.battlecardId}-${hit.section}-${hit.item ?? 'text'}`} hit={hit} />
      ))}
    </Flex>
  );
}

function SearchHit({ hit }: { hit: BattlecardSearchHit }) {
  return (
    <Flex direction="column" gap="flush">
      <Flex direction="row" gap="xs" align="center" wrap>
        <Text variant="microcopy">{`${hit.cardTitle} · ${hit.sectionTitle}`}</Text>
        {hit.stale && <StatusTag variant="warning">Needs review</StatusTag>}
      </Flex>
      {hit.label && <Text format={{ fontWeight: 'demibold' }}>{plainText(hit.label)}</Text>}
      <Text>{plainText(hit.text)}</Text>
    </Flex>
  );
}
