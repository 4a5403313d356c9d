// Errors of the control API (/__sandbox/...): one JSON shape, `{error, issues?}`, thrown as
// ControlError and rendered by the control app's onError.
import type { Context } from "hono";
import type { z } from "zod";

export class ControlError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    readonly issues?: unknown,
  ) {
    super(message);
  }
}

/** Parses the JSON body against a schema; an empty body counts as `{}`. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const text = await c.req.text();
  let body: unknown = {};
  if (text.trim() !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ControlError(400, "control: the body is not valid JSON");
    }
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new ControlError(400, "control: invalid body", result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  return result.data;
}

export function renderControlError(error: Error, c: Context): Response {
  if (error instanceof ControlError) {
    return c.json({ error: error.message, ...(error.issues === undefined ? {} : { issues: error.issues }) }, error.status);
  }
  console.error("sandbox: control API failure", error);
  return c.json({ error: `control: ${error.message}` }, 500);
}
