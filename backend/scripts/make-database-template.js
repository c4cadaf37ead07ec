#!/usr/bin/env node
// Makes the embedded database's template (src/db/embedded-template.ts): a database just made, every migration
// applied and the job queue's tables made, so the first `npm start` skips initdb and the migrations. Run by `npm install`; does nothing when the
// template for the current migrations exists.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { templateFile, writeTemplate } from '../src/db/embedded-template.ts';

const file = await templateFile();
// Without the database client (a production install without dev dependencies) there is nothing to make it with.
const clientGenerated = existsSync(new URL('../src/db/generated/client.ts', import.meta.url));
if (clientGenerated && !existsSync(file)) {
  const started = Date.now();
  // Loaded only when there is a template to make: the check above is all most installs need.
  const [{ openDatabase }, { migrate }, { JobQueue }, { pino }] = await Promise.all([
    import('../src/db/connect.ts'),
    import('../src/db/migrate.ts'),
    import('../src/jobs/queue.ts'),
    import('pino'),
  ]);
  const db = await openDatabase({ dataDir: 'memory' });
  try {
    await migrate(db.pool);
    // The job queue's own tables too (pg-boss makes them on its first start: a second of the first start saved).
    const jobs = new JobQueue({ db, logger: pino({ level: 'silent' }) });
    await jobs.start();
    await jobs.stop(1000);
    await writeTemplate(await db.dumpDataDir());
  } finally {
    await db.close();
  }
  process.stdout.write(
    `Embedded database template made in ${((Date.now() - started) / 1000).toFixed(1)} s (${path.relative(process.cwd(), file)})\n`,
  );
}
