import { Divider, Flex } from '@hubspot/ui-extensions';
import type { Battlecard, Competitor } from '@sdr/shared';
import { useState } from 'react';
import { useBackend } from '../backend/useBackend.ts';
import { Failure, Loading } from '../components/PanelStates.tsx';
import { CardList } from './CardList.tsx';
import { CompetitorsList } from './CompetitorsList.tsx';

/** Competitors listened for on calls, and the battlecards reps see on records and during calls. */
export function BattlecardsArea() {
  const competitors = useBackend<{ data: Competitor[] }>('/v1/competitors');
  const cards = useBackend<{ data: Battlecard[] }>('/v1/battlecards');
  if (competitors.status === 'loading' || cards.status === 'loading')
    return <Loading label="Loading the battlecards" />;
  if (competitors.status === 'error' || cards.status === 'error') {
    const retry = () => {
      if (competitors.status === 'error') competitors.reload();
      if (cards.status === 'error') cards.reload();
    };
    return (
      <Failure
        title="Could not load the battlecards"
        message={(competitors.error ?? cards.error)!.message}
        onRetry={retry}
      />
    );
  }
  return <Battlecards competitors={competitors.data.data} cards={cards.data.data} />;
}

function Battlecards(initial: { competitors: Competitor[]; cards: Battlecard[] }) {
  const [competitors, setCompetitors] = useState(initial.competitors);
  const [cards, setCards] = useState(initial.cards);
  return (
    <Flex direction="column" gap="lg">
      <CompetitorsList
        competitors={competitors}
        onAdded={(added) =>
          setCompetitors((current) => [...current, added].sort((a, b) => a.name.localeCompare(b.name)))
        }
      />
      <Divider />
      <CardList
        competitors={competitors}
        cards={cards}
        onSaved={(saved) => setCards((current) => [saved, ...current.filter((card) => card.id !== saved.id)])}
      />
    </Flex>
  );
}
