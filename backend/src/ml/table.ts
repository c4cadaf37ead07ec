/**
 * A table of training or scoring data, column by column. Numeric columns hold numbers (NaN when missing);
 * categorical columns hold strings (null when missing).
 */
export type Column =
  | { name: string; kind: 'numeric'; values: Float64Array }
  | { name: string; kind: 'categorical'; values: (string | null)[] };

export interface Table {
  columns: Column[];
  rows: number;
}

/**
 * Values that mean "not known" in CRM exports and forms: picklist placeholders, spreadsheet errors, "unknown".
 * They are read as missing so they neither crash parsing nor pass for a real category.
 */
const MISSING = new Set([
  '',
  'na',
  'n/a',
  'n.a.',
  'nan',
  'null',
  'none',
  'nil',
  'undefined',
  'unknown',
  'unk',
  'select',
  '--select--',
  '-- select --',
  'please select',
  '--none--',
  '-',
  '--',
  '?',
  '#n/a',
  '#value!',
  '(blank)',
  'not provided',
  'not specified',
]);

export function isMissing(value: string | null | undefined): boolean {
  return value === null || value === undefined || MISSING.has(value.trim().toLowerCase());
}

/** A number written the ways exports write them: "1,234.5", "12%", " 42 ", "1e3"; NaN when it is not one. */
export function parseNumber(value: string): number {
  const text = value.trim().replace(/^\+/, '');
  if (!/^-?[\d,]*\.?\d+(e[+-]?\d+)?%?$/i.test(text)) return NaN;
  const plain = text.replace(/,/g, '');
  return plain.endsWith('%') ? Number(plain.slice(0, -1)) / 100 : Number(plain);
}

/** The given rows of a table, in that order. */
export function selectRows(table: Table, rows: ArrayLike<number>): Table {
  const pick = Array.from(rows);
  return {
    rows: pick.length,
    columns: table.columns.map((column) =>
      column.kind === 'numeric'
        ? { ...column, values: Float64Array.from(pick, (r) => column.values[r] as number) }
        : { ...column, values: pick.map((r) => column.values[r] ?? null) },
    ),
  };
}

/** Tables with the same columns, one after the other. */
export function concatTables(tables: Table[]): Table {
  const [first] = tables;
  if (!first) return { columns: [], rows: 0 };
  return {
    rows: tables.reduce((sum, t) => sum + t.rows, 0),
    columns: first.columns.map((column, c) => {
      if (column.kind === 'numeric') {
        const values = new Float64Array(tables.reduce((sum, t) => sum + t.rows, 0));
        let at = 0;
        for (const t of tables) {
          const part = t.columns[c]?.values as Float64Array;
          values.set(part, at);
          at += part.length;
        }
        return { ...column, values };
      }
      return { ...column, values: tables.flatMap((t) => t.columns[c]?.values as (string | null)[]) };
    }),
  };
}
