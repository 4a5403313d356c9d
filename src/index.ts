// Entry: fetch → the HTTP API, scheduled → the cron fan-out, queue → the consumers; exports the
// TenantGate Durable Object class. Dispatch only: every handler lives in its own layer.
import { app } from "./api/app";
import { runCron } from "./cron/fanout";
import { readConfig, type Env } from "./env";
import { createLogger } from "./lib/log";
import { meter } from "./lib/meter";
import { meteredEnv } from "./metered-env";
import { handleQueue } from "./queues/consumer";

export { TenantGate } from "./tenant-gate/gate";

export default {
  fetch(request, env, ctx) {
    meter("worker.invocations", 1, "fetch");
    return app.fetch(request, meteredEnv(env), ctx);
  },
  async scheduled(controller, env, _ctx) {
    meter("worker.invocations", 1, "scheduled");
    const log = createLogger(readConfig(env).LOG_LEVEL, { entry: "cron", cron: controller.cron });
    await runCron(meteredEnv(env), controller.scheduledTime, log);
  },
  queue(batch, env, ctx) {
    meter("worker.invocations", 1, "queue");
    meter("queue.deliveries", batch.messages.length);
    return handleQueue(batch, meteredEnv(env), ctx);
  },
} satisfies ExportedHandler<Env, unknown>;
