// Entry: fetch → the HTTP API, scheduled → the cron fan-out, queue → the consumers; exports the
// TenantGate Durable Object class. Dispatch only (style.md point 1).
import { app } from "./api/app";
import { runCron } from "./cron/fanout";
import { readConfig, type Env } from "./env";
import { createLogger } from "./lib/log";
import { handleQueue } from "./queues/consumer";

export { TenantGate } from "./tenant-gate/gate";

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  async scheduled(controller, env, _ctx) {
    const log = createLogger(readConfig(env).LOG_LEVEL, { entry: "cron", cron: controller.cron });
    await runCron(env, controller.scheduledTime, log);
  },
  queue: (batch, env, ctx) => handleQueue(batch, env, ctx),
} satisfies ExportedHandler<Env, unknown>;
