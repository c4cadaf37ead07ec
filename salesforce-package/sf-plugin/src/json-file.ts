import { readFile } from 'node:fs/promises';
import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sdr/sf-plugin-sdr', 'sdr.files');

/** A problem in an input file, at a path such as `competitors[1].battlecards[0].sections[2].key`. */
export type FileProblem = {
  path: string;
  message: string;
};

export function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out === '' ? String(part) : `${out}.${String(part)}`;
  }, '');
}

export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw messages.createError('error.Unreadable', [file, (error as Error).message]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw messages.createError('error.NotJson', [file, (error as Error).message]);
  }
}

/** Every problem of a file at once, so one edit can fix them all; nothing has been sent when this is thrown. */
export function invalidFile(file: string, problems: FileProblem[]): Error {
  const lines = problems.map((problem) => `  - ${problem.path || '(file)'}: ${problem.message}`);
  const error = messages.createError('error.Invalid', [file, problems.length, lines.join('\n')]);
  error.setData({ problems });
  return error;
}
