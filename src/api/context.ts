// The Hono environment of the API: bindings and per-request variables.
import type { Db } from "../db/client";
import type { Config, Env } from "../env";
import type { Principal } from "./auth";

export type AppEnv = {
  Bindings: Env;
  Variables: {
    principal: Principal;
    requestId: string;
    db: Db;
    config: Config;
  };
};
