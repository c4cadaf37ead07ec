import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { BattlecardList, CompetitorList, routes, type Battlecard, type Competitor } from '@sdr/shared';
import { backendFlags, backendFor } from '../../../backend-flags.ts';
import type { Backend } from '../../../backend.ts';
import { parseBattlecardFile, type BattlecardEntry, type CompetitorEntry } from '../../../battlecard-file.ts';
import { invalidFile, readJsonFile } from '../../../json-file.ts';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sdr/sf-plugin-sdr', 'sdr.battlecards.import');

export type ImportStatus = 'created' | 'updated' | 'unchanged' | 'failed';

export type ImportedCompetitor = { name: string; id: string | null; status: ImportStatus; message: string | null };
export type ImportedCard = {
  competitor: string;
  title: string;
  id: string | null;
  status: ImportStatus;
  /** The card's version after the import (a new one for every update). */
  version: number | null;
  message: string | null;
};

export type BattlecardImportResult = {
  file: string;
  dryRun: boolean;
  competitors: ImportedCompetitor[];
  cards: ImportedCard[];
  summary: Record<ImportStatus, number>;
};

export default class BattlecardsImport extends SfCommand<BattlecardImportResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    file: Flags.file({ summary: messages.getMessage('flags.file.summary'), required: true, exists: true, char: 'f' }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') }),
    ...backendFlags,
  };

  public async run(): Promise<BattlecardImportResult> {
    const { flags } = await this.parse(BattlecardsImport);
    const file = flags.file;
    const parsed = parseBattlecardFile(await readJsonFile(file));
    if (!parsed.ok) throw invalidFile(file, parsed.problems);
    const backend = await backendFor(flags['target-org'], flags);
    const dryRun = flags['dry-run'];

    const existing = (await backend.get(routes.listCompetitors.path, CompetitorList)).data.data;
    const byName = new Map(existing.map((competitor) => [competitor.name.trim().toLowerCase(), competitor]));
    const competitors: ImportedCompetitor[] = [];
    const cards: ImportedCard[] = [];
    // Every card the service holds, read once and grouped by competitor (a new competitor has none yet).
    const cardsOf = new Map<string, typeof stored>();
    const stored = (await backend.get(routes.listBattlecards.path, BattlecardList)).data.data;
    for (const card of stored) cardsOf.set(card.competitorId, [...(cardsOf.get(card.competitorId) ?? []), card]);
    for (const entry of parsed.competitors) {
      const outcome = await upsertCompetitor(backend, entry, byName.get(entry.name.toLowerCase()), dryRun);
      competitors.push(outcome.report);
      if (!outcome.competitor) {
        // Without its competitor a card cannot be saved; in a dry run a new competitor's cards are all new.
        for (const card of entry.battlecards) {
          cards.push(
            outcome.report.status === 'failed'
              ? {
                  ...cardReport(entry, card, 'failed', null),
                  message: `competitor not saved: ${outcome.report.message}`,
                }
              : cardReport(entry, card, 'created', null),
          );
        }
        continue;
      }
      const current = cardsOf.get(outcome.competitor.id) ?? [];
      for (const card of entry.battlecards) {
        const match = current.find((c) => c.title.trim().toLowerCase() === card.title.toLowerCase());
        cards.push(await upsertCard(backend, entry, outcome.competitor.id, card, match, dryRun));
      }
    }

    const summary: Record<ImportStatus, number> = { created: 0, updated: 0, unchanged: 0, failed: 0 };
    for (const card of cards) summary[card.status] += 1;
    const failedCompetitors = competitors.filter((c) => c.status === 'failed').length;
    this.table({
      data: cards.map((card) => ({
        competitor: card.competitor,
        card: card.title,
        status: dryRun && card.status !== 'unchanged' ? `would be ${card.status}` : card.status,
        version: card.version === null ? '' : String(card.version),
        message: card.message ?? '',
      })),
      columns: ['competitor', 'card', 'status', 'version', 'message'],
    });
    this.log(
      messages.getMessage('info.summary', [
        dryRun ? 'Dry run' : 'Imported',
        summary.created,
        summary.updated,
        summary.unchanged,
        summary.failed,
      ]),
    );
    if (summary.failed + failedCompetitors > 0) {
      this.warn(messages.getMessage('warning.failed', [summary.failed + failedCompetitors]));
    }
    return { file, dryRun, competitors, cards, summary };
  }
}

function cardReport(entry: CompetitorEntry, card: BattlecardEntry, status: ImportStatus, found: Battlecard | null) {
  return {
    competitor: entry.name,
    title: card.title,
    id: found?.id ?? null,
    status,
    version: found?.version ?? null,
    message: null,
  } satisfies ImportedCard;
}

async function upsertCompetitor(
  backend: Backend,
  entry: CompetitorEntry,
  found: Competitor | undefined,
  dryRun: boolean,
): Promise<{ competitor: Competitor | null; report: ImportedCompetitor }> {
  const fields = { aliases: entry.aliases, products: entry.products, website: entry.website ?? null };
  const report = (status: ImportStatus, competitor: Competitor | null, message: string | null = null) => ({
    competitor,
    report: { name: entry.name, id: competitor?.id ?? null, status, message },
  });
  try {
    if (!found) {
      if (dryRun) return report('created', null);
      const { data } = await backend.call('POST', routes.createCompetitor.path, {
        body: { name: entry.name, ...fields },
        schema: routes.createCompetitor.responses[201].schema,
      });
      return report('created', data);
    }
    const same =
      sameList(found.aliases, fields.aliases) &&
      sameList(found.products, fields.products) &&
      (found.website ?? null) === fields.website;
    if (same) return report('unchanged', found);
    if (dryRun) return report('updated', found);
    const { data } = await backend.call('PATCH', routes.updateCompetitor.path.replace(':id', found.id), {
      body: fields,
      schema: routes.updateCompetitor.responses[200].schema,
    });
    return report('updated', data);
  } catch (error) {
    return report('failed', null, (error as Error).message);
  }
}

async function upsertCard(
  backend: Backend,
  entry: CompetitorEntry,
  competitorId: string,
  card: BattlecardEntry,
  found: Battlecard | undefined,
  dryRun: boolean,
): Promise<ImportedCard> {
  try {
    if (!found) {
      if (dryRun) return cardReport(entry, card, 'created', null);
      const { data } = await backend.call('POST', routes.createBattlecard.path, {
        body: { competitorId, ...card },
        schema: routes.createBattlecard.responses[201].schema,
      });
      return cardReport(entry, card, 'created', data);
    }
    if (sameCard(found, card)) return cardReport(entry, card, 'unchanged', found);
    if (dryRun) return cardReport(entry, card, 'updated', found);
    const { data } = await backend.call('PATCH', routes.updateBattlecard.path.replace(':id', found.id), {
      body: card,
      schema: routes.updateBattlecard.responses[200].schema,
    });
    return cardReport(entry, card, 'updated', data);
  } catch (error) {
    return { ...cardReport(entry, card, 'failed', found ?? null), message: (error as Error).message };
  }
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/** Whether saving the entry would change the card: a save makes a new version, so an unchanged card is left be. */
function sameCard(found: Battlecard, card: BattlecardEntry): boolean {
  const sections = (list: BattlecardEntry['sections']) =>
    JSON.stringify(
      list.map((s) => ({
        key: s.key,
        title: s.title,
        body: s.body,
        items: s.items.map((i) => ({ label: i.label, text: i.text, triggers: i.triggers })),
      })),
    );
  return (
    found.title === card.title &&
    sections(found.sections) === sections(card.sections) &&
    (card.staleAfterDays === undefined || card.staleAfterDays === found.staleAfterDays) &&
    (card.reviewedAt === undefined || Date.parse(card.reviewedAt) === Date.parse(found.reviewedAt))
  );
}
