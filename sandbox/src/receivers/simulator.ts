// Alert receivers: a generic webhook receiver and Slack incoming webhooks, recording every request
// so tests can read what the connector sent (body, headers, signature) and answering with faults on
// demand.
//   host mode: https://<anything>.webhooks.test/<path> → webhook receiver; https://hooks.slack.com/services/… → Slack
//   path mode: /webhooks/<path> and /slack/services/…
// Slack, as its incoming webhooks answer (https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks,
// recorded in docs/erp-facts.md): a JSON body with a non-empty `text` or `blocks` → 200 "ok" (text);
// a body that is not JSON → 400 "invalid_payload"; neither text nor blocks → 400 "no_text"; a path
// that is not /services/<team>/<bot>/<token> → 404 "no_service"; a section text over 3,000
// characters → 400 "invalid_blocks".
import { Hono } from "hono";
import { z } from "zod";
import { readJson } from "../control/control-errors";
import { jsonResponse } from "../responses";
import { bodyText, mediaType, type SimRequest } from "../sim-request";

export interface ReceivedRequest {
  at: number;
  host: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  answered: number;
}

const received: ReceivedRequest[] = [];
const MAX_KEPT = 5000;
/** host+path → statuses to answer next (consumed one per request). */
const faults = new Map<string, { status: number; retryAfter?: number | undefined }[]>();

function record(req: SimRequest, host: string, path: string, answered: number) {
  const headers: Record<string, string> = {};
  req.headers.forEach((v, k) => (headers[k] = v));
  received.push({ at: Date.now(), host, path, method: req.method, headers, body: bodyText(req), answered });
  if (received.length > MAX_KEPT) received.splice(0, received.length - MAX_KEPT);
}

function injected(host: string, path: string): Response | undefined {
  const queue = faults.get(`${host}${path}`);
  const next = queue?.shift();
  if (!next) return undefined;
  return new Response(`sandbox: injected ${next.status}`, { status: next.status, headers: next.retryAfter !== undefined ? { "retry-after": String(next.retryAfter) } : {} });
}

export async function handleWebhookReceiver(req: SimRequest, host: string): Promise<Response> {
  const fault = injected(host, req.path);
  const res = fault ?? (req.method === "POST" ? jsonResponse(200, { received: true }) : jsonResponse(405, { error: "POST only" }));
  record(req, host, req.path, res.status);
  return res;
}

const text = (status: number, body: string) => new Response(body, { status, headers: { "content-type": "text/html" } });

export async function handleSlack(req: SimRequest, host: string): Promise<Response> {
  const answer = (): Response => {
    const fault = injected(host, req.path);
    if (fault) return fault;
    if (!/^\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+$/.test(req.path)) return text(404, "no_service");
    if (req.method !== "POST") return text(405, "invalid_method");
    let body: unknown;
    try {
      body = JSON.parse(bodyText(req));
    } catch {
      return text(400, "invalid_payload");
    }
    if (mediaType(req) !== "application/json" && mediaType(req) !== "application/x-www-form-urlencoded") return text(400, "invalid_payload");
    if (typeof body !== "object" || body === null) return text(400, "invalid_payload");
    const b = body as { text?: unknown; blocks?: unknown };
    const hasText = typeof b.text === "string" && b.text.trim() !== "";
    const blocks = Array.isArray(b.blocks) ? b.blocks : undefined;
    if (!hasText && !(blocks && blocks.length > 0)) return text(400, "no_text");
    for (const block of blocks ?? []) {
      const t = (block as { type?: unknown; text?: { text?: unknown } }) ?? {};
      if (typeof t.type !== "string") return text(400, "invalid_blocks");
      if (t.type === "section" && typeof t.text?.text === "string" && t.text.text.length > 3000) return text(400, "invalid_blocks");
    }
    return text(200, "ok");
  };
  const res = answer();
  record(req, host, req.path, res.status);
  return res;
}

const FaultSchema = z
  .object({
    host: z.string().min(1),
    path: z.string().startsWith("/"),
    /** Answer these statuses, one per request, before answering normally again. */
    statuses: z.array(z.number().int().min(200).max(599)).min(1).max(50),
    retryAfter: z.number().int().min(0).max(3600).optional(),
  })
  .strict();

//   GET    /receivers/requests?host=&path=   → {requests: ReceivedRequest[]} (oldest first)
//   POST   /receivers/faults {host, path, statuses, retryAfter?}
//   DELETE /receivers/requests?host=         → forget what a host received
export const receiverControlRoutes = new Hono()
  .get("/requests", (c) => {
    const host = c.req.query("host");
    const path = c.req.query("path");
    return c.json({ requests: received.filter((r) => (!host || r.host === host) && (!path || r.path === path)) });
  })
  .post("/faults", async (c) => {
    const f = await readJson(c, FaultSchema);
    const key = `${f.host}${f.path}`;
    faults.set(key, [...(faults.get(key) ?? []), ...f.statuses.map((status) => ({ status, retryAfter: f.retryAfter }))]);
    return c.json({ ok: true });
  })
  .delete("/requests", (c) => {
    const host = c.req.query("host");
    for (let i = received.length - 1; i >= 0; i--) if (!host || received[i]!.host === host) received.splice(i, 1);
    return c.json({ ok: true });
  });
