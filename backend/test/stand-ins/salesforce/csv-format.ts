/** CSV the way Bulk API 2.0 writes its results: every value quoted, quotes doubled. */

export const COLUMN_DELIMITERS: Record<string, string> = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
};

export const LINE_ENDINGS: Record<string, string> = { LF: '\n', CRLF: '\r\n' };

export function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

export function csvLines(header: string[], rows: string[][], delimiter: string, lineEnding: string): string {
  const lines = [header.join(delimiter), ...rows.map((row) => row.map(quote).join(delimiter))];
  return lines.join(lineEnding) + lineEnding;
}
