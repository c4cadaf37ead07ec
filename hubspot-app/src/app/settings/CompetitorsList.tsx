import {
  Flex,
  Heading,
  Input,
  LoadingButton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { Competitor, CompetitorCreate } from '@sdr/shared';
import { useState } from 'react';
import { backend } from '../backend/request.ts';
import { listFromText, textFromList } from './lib/format.ts';
import { SaveFeedback } from './lib/SaveFeedback.tsx';
import { fieldError, useSave } from '../backend/useSave.ts';

const EMPTY = { name: '', aliases: '', products: '', website: '' };
const PLACED = ['body.name', 'body.aliases', 'body.products', 'body.website'];

/** Competitors by name, with the other names they go by: every one of them is listened for on calls. */
export function CompetitorsList({
  competitors,
  onAdded,
}: {
  competitors: Competitor[];
  onAdded: (competitor: Competitor) => void;
}) {
  const [form, setForm] = useState(EMPTY);
  const save = useSave();
  const at = (field: string) => fieldError(save.errorAt(`body.${field}`));

  async function add() {
    const body: CompetitorCreate = {
      name: form.name.trim(),
      aliases: listFromText(form.aliases),
      products: listFromText(form.products),
      website: form.website.trim() || null,
    };
    const added = await save.run(
      () => backend<Competitor>('/v1/competitors', { method: 'POST', body }),
      `${body.name} is added. Calls are now listened to for it.`,
    );
    if (added) {
      onAdded(added);
      setForm(EMPTY);
    }
  }

  return (
    <Flex direction="column" gap="sm">
      <Heading>Competitors</Heading>
      {competitors.length === 0 ? (
        <Text>No competitors yet.</Text>
      ) : (
        <Table bordered>
          <TableHead>
            <TableRow>
              <TableHeader>Name</TableHeader>
              <TableHeader>Also called</TableHeader>
              <TableHeader>Products</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {competitors.map((competitor) => (
              <TableRow key={competitor.id}>
                <TableCell>
                  <Text>{competitor.name}</Text>
                </TableCell>
                <TableCell>
                  <Text>{textFromList(competitor.aliases) || '—'}</Text>
                </TableCell>
                <TableCell>
                  <Text>{textFromList(competitor.products) || '—'}</Text>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Flex direction="row" gap="sm" wrap="wrap" align="end">
        <Input
          label="Name"
          name="competitor-name"
          value={form.name}
          onChange={(name) => setForm({ ...form, name })}
          {...at('name')}
        />
        <Input
          label="Also called (comma-separated)"
          name="competitor-aliases"
          value={form.aliases}
          onChange={(aliases) => setForm({ ...form, aliases })}
          {...at('aliases')}
        />
        <Input
          label="Products (comma-separated)"
          name="competitor-products"
          value={form.products}
          onChange={(products) => setForm({ ...form, products })}
          {...at('products')}
        />
        <Input
          label="Website"
          name="competitor-website"
          value={form.website}
          onChange={(website) => setForm({ ...form, website })}
          {...at('website')}
        />
        <LoadingButton onClick={add} loading={save.saving} disabled={save.saving} testId="add-competitor">
          Add the competitor
        </LoadingButton>
      </Flex>
      <SaveFeedback save={save} placed={PLACED} testId="competitor" />
    </Flex>
  );
}
