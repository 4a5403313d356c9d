// JSON read back from D1 goes through a zod schema (nothing read from storage is trusted unchecked): a corrupt column is a bug
// we want to see, not a silently wrong value.
import type { z } from "zod";

export function readJson<T extends z.ZodType>(schema: T, text: string | null | undefined, fallback: z.input<T>): z.output<T> {
  if (text === null || text === undefined || text === "") return schema.parse(fallback);
  return schema.parse(JSON.parse(text));
}
