import { defineConfig } from 'prisma/config';

// Migrations are applied by the service's own migrator (src/db/migrate.ts), which records them in a
// `_prisma_migrations`-compatible table; `prisma migrate deploy` run elsewhere agrees with it.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
