/**
 * drizzle-kit configuration: the schema in storage/schema.ts generates the checked-in SQL migrations in
 * storage/migrations, which storage/sqlite-store.ts applies when it opens a database.
 * Generate with a name that says what changed: `npx drizzle-kit generate --name <what-changed>`.
 */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './storage/schema.ts',
  out: './storage/migrations',
  // The search index's tables are raw SQL (migration 0005, storage/search-repo.ts), not part of the schema.
  tablesFilter: ['!search_index*', '!search_docs'],
});
