import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The bank-marketing outcomes kept in the repository (see test/data/bank-marketing/README.md). */
export const bankMarketingFile = fileURLToPath(
  new URL('../data/bank-marketing/bank-additional-full.csv.gz', import.meta.url),
);

/** The uncompressed file's digest, so a damaged or replaced copy is named instead of training on wrong rows. */
const SHA256 = '74adfc578bf77a7ff4bb1ba4a9f8709d9e3c6907342959c2c8416847e0afb4d8';

/** The CSV's text; a missing, unreadable or altered file throws an error naming its path and what is wrong. */
export async function readBankMarketingCsv(file: string = bankMarketingFile): Promise<string> {
  const fail = (reason: string): never => {
    throw new Error(`The bank-marketing data set at ${file} ${reason}`);
  };
  const packed = await readFile(file).catch((error: NodeJS.ErrnoException) =>
    fail(error.code === 'ENOENT' ? 'is missing' : `cannot be read (${error.code ?? error.message})`),
  );
  let csv: Buffer;
  try {
    csv = gunzipSync(packed);
  } catch (error) {
    return fail(`is not a readable gzip file (${(error as Error).message})`);
  }
  if (createHash('sha256').update(csv).digest('hex') !== SHA256) fail('differs from the published data set');
  return csv.toString('utf8');
}
