import { defineConfig } from 'drizzle-kit';

// drizzle-kit reads every slice's tables; migrations are generated into drizzle/ and
// applied at start-up by the driver's migrate() (src/platform/db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/*/schema.ts',
  out: './drizzle',
  casing: 'snake_case',
});
