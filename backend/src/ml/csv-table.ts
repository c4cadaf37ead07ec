import { parse } from 'csv-parse/sync';
import { isMissing, parseNumber, type Column, type Table } from './table.ts';

export class DatasetError extends Error {}

export interface CsvTrainingOptions {
  target: string;
  positive: string;
  drop?: string[];
  /** Field separator; detected from the header line when absent. */
  separator?: string;
}

export interface LabelledTable {
  table: Table;
  labels: Uint8Array;
  /** Columns left out, with the reason (dropped by the user, an identifier, empty, a single value). */
  excluded: { column: string; reason: string }[];
}

const SEPARATORS = [',', ';', '\t', '|'];

function detectSeparator(text: string): string {
  const header = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  let best = ',';
  let bestCount = 0;
  for (const separator of SEPARATORS) {
    const count = header.split(separator).length - 1;
    if (count > bestCount) {
      best = separator;
      bestCount = count;
    }
  }
  return best;
}

function parseCsv(text: string, separator: string): string[][] {
  if (text.includes('\u0000')) throw new DatasetError('The file is not a CSV text file (it contains binary data)');
  try {
    return parse(text, {
      delimiter: separator,
      bom: true,
      skip_empty_lines: true,
      relax_quotes: false,
      trim: false,
    }) as string[][];
  } catch (error) {
    const { code, lines, message } = error as { code?: string; lines?: number; message: string };
    if (code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || code === 'CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH')
      throw new DatasetError(
        `Line ${lines}: ${message.replace(/^Invalid Record Length: /, '')}; every row needs as many fields as the header`,
      );
    throw new DatasetError(`The file is not valid CSV${lines ? ` (line ${lines})` : ''}: ${message}`);
  }
}

/**
 * Reads a CSV export of past outcomes: which column is the outcome and which value means success are given by the
 * caller, so nothing depends on one export's column names. Column types are inferred: a column is numeric when its
 * known values are numbers, and then a stray text value is an error naming the row, not a silent missing value.
 */
export function readLabelledCsv(text: string, options: CsvTrainingOptions): LabelledTable {
  if (text.trim().length === 0) throw new DatasetError('The file is empty');
  const separator = options.separator ?? detectSeparator(text);
  const records = parseCsv(text, separator);
  const [header, ...rows] = records;
  if (!header || header.length < 2)
    throw new DatasetError(
      `The file is not a CSV table: the header has ${header?.length ?? 0} column(s) with separator ${JSON.stringify(separator)}`,
    );
  if (rows.length === 0) throw new DatasetError('The file has a header but no rows');
  const names = header.map((name) => name.trim());
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new DatasetError(`Column ${JSON.stringify(duplicate)} appears twice in the header`);
  const targetIndex = names.indexOf(options.target);
  if (targetIndex === -1)
    throw new DatasetError(`No column ${JSON.stringify(options.target)}; the columns are: ${names.join(', ')}`);
  for (const dropped of options.drop ?? [])
    if (!names.includes(dropped))
      throw new DatasetError(`--drop names ${JSON.stringify(dropped)}, which is not a column`);

  const labels = new Uint8Array(rows.length);
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const value = (row[targetIndex] ?? '').trim();
    seen.set(value, (seen.get(value) ?? 0) + 1);
    labels[i] = value === options.positive ? 1 : 0;
  });
  if (seen.size < 2)
    throw new DatasetError(
      `The target column ${JSON.stringify(options.target)} has a single value (${JSON.stringify([...seen.keys()][0])}): nothing to learn`,
    );
  if (!seen.has(options.positive))
    throw new DatasetError(
      `No row has ${options.target} = ${JSON.stringify(options.positive)}; the values are: ${[...seen.keys()]
        .slice(0, 20)
        .map((v) => JSON.stringify(v))
        .join(', ')}`,
    );

  const columns: Column[] = [];
  const excluded: { column: string; reason: string }[] = [];
  names.forEach((name, c) => {
    if (c === targetIndex) return;
    if (options.drop?.includes(name)) {
      excluded.push({ column: name, reason: 'dropped' });
      return;
    }
    const raw = rows.map((row) => row[c] ?? '');
    const known = raw.filter((value) => !isMissing(value));
    if (known.length === 0) {
      excluded.push({ column: name, reason: 'no known values' });
      return;
    }
    const numeric = known.filter((value) => !Number.isNaN(parseNumber(value))).length;
    if (numeric === known.length || numeric >= 0.95 * known.length) {
      const values = new Float64Array(rows.length);
      raw.forEach((value, r) => {
        if (isMissing(value)) values[r] = NaN;
        else {
          const parsed = parseNumber(value);
          if (Number.isNaN(parsed))
            throw new DatasetError(
              `Column ${JSON.stringify(name)} holds numbers, but line ${r + 2} has ${JSON.stringify(value)}`,
            );
          values[r] = parsed;
        }
      });
      columns.push({ name, kind: 'numeric', values });
      return;
    }
    const distinct = new Set(known.map((value) => value.trim()));
    if (distinct.size === 1) {
      excluded.push({ column: name, reason: 'a single value' });
      return;
    }
    // Near-unique text (ids, e-mail addresses, names) identifies rows rather than describing them.
    if (distinct.size > 50 && distinct.size > 0.5 * known.length) {
      excluded.push({ column: name, reason: 'an identifier (almost every value is different)' });
      return;
    }
    columns.push({ name, kind: 'categorical', values: raw.map((value) => (isMissing(value) ? null : value.trim())) });
  });
  if (columns.length === 0) throw new DatasetError('No usable feature columns are left besides the target');
  return { table: { columns, rows: rows.length }, labels, excluded };
}
