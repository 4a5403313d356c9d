// drizzle-kit: `npm run db:generate` writes SQL migrations for wrangler d1 migrations to apply.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
