// The control API under /__sandbox on any host (tests use https://sandbox.control/__sandbox/…,
// `npm start` uses http://127.0.0.1:8788/__sandbox/…). JSON in and out; the real APIs never use
// this prefix, and control calls are never counted or faulted.
import { Hono } from "hono";
import { accessControlRoutes } from "../access/simulator";
import { acumaticaControlRoutes } from "../acumatica/control-routes";
import { dynamicsControlRoutes } from "../dynamics/control-routes";
import { entraControlRoutes } from "../entra/control-routes";
import { spsControlRoutes } from "../sps/control-routes";
import { renderControlError } from "./control-errors";
import { faultRoutes } from "./fault-routes";
import { receiverControlRoutes } from "../receivers/simulator";

export const CONTROL_PREFIX = "/__sandbox";

export const controlApp = new Hono()
  .basePath(CONTROL_PREFIX)
  .get("/health", (c) => c.json({ ok: true }))
  .route("/", faultRoutes)
  .route("/sps", spsControlRoutes)
  .route("/acumatica", acumaticaControlRoutes)
  .route("/entra", entraControlRoutes)
  .route("/dynamics", dynamicsControlRoutes)
  .route("/access", accessControlRoutes)
  .route("/receivers", receiverControlRoutes);

controlApp.onError(renderControlError);
controlApp.notFound((c) => c.json({ error: `control: no route ${c.req.method} ${c.req.path}` }, 404));
