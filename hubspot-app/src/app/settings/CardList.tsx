import {
  Button,
  Flex,
  Heading,
  Select,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { Battlecard, Competitor } from '@sdr/shared';
import { useState } from 'react';
import { CardEditor } from './CardEditor.tsx';
import { formatDate } from './lib/format.ts';

/** The cards by title, each opened in the editor; a new card starts from a chosen competitor. */
export function CardList({
  competitors,
  cards,
  onSaved,
}: {
  competitors: Competitor[];
  cards: Battlecard[];
  onSaved: (card: Battlecard) => void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const [newFor, setNewFor] = useState<string | null>(null);
  const nameOf = (id: string) => competitors.find((competitor) => competitor.id === id)?.name ?? 'Unknown competitor';
  const card = cards.find((one) => one.id === open) ?? null;

  return (
    <Flex direction="column" gap="sm">
      <Heading>Battlecards</Heading>
      {cards.length === 0 ? <Text>No battlecards yet.</Text> : null}
      {cards.length > 0 ? (
        <Table bordered>
          <TableHead>
            <TableRow>
              <TableHeader>Card</TableHeader>
              <TableHeader>Competitor</TableHeader>
              <TableHeader>Reviewed</TableHeader>
              <TableHeader> </TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {[...cards]
              .sort((a, b) => a.title.localeCompare(b.title))
              .map((one) => (
                <TableRow key={one.id}>
                  <TableCell>
                    <Text>{one.title}</Text>
                  </TableCell>
                  <TableCell>
                    <Text>{nameOf(one.competitorId)}</Text>
                  </TableCell>
                  <TableCell>
                    <Flex direction="row" gap="xs">
                      <Text>{formatDate(one.reviewedAt)}</Text>
                      {one.stale ? <StatusTag variant="warning">Due for review</StatusTag> : null}
                    </Flex>
                  </TableCell>
                  <TableCell>
                    <Button
                      size="sm"
                      testId={`open-card-${one.id}`}
                      onClick={() => {
                        setNewFor(null);
                        setOpen(one.id);
                      }}
                    >
                      Edit
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      ) : null}
      {competitors.length > 0 ? (
        <Select
          label="Write a new card for"
          name="new-card-competitor"
          value={newFor ?? undefined}
          options={competitors.map((competitor) => ({ label: competitor.name, value: competitor.id }))}
          onChange={(id) => {
            setOpen(null);
            setNewFor(String(id));
          }}
        />
      ) : null}
      {card ? (
        <CardEditor
          key={card.id}
          card={card}
          competitorId={card.competitorId}
          competitorName={nameOf(card.competitorId)}
          onSaved={onSaved}
        />
      ) : null}
      {newFor ? (
        <CardEditor
          key={`new-${newFor}`}
          card={null}
          competitorId={newFor}
          competitorName={nameOf(newFor)}
          onSaved={onSaved}
        />
      ) : null}
    </Flex>
  );
}
