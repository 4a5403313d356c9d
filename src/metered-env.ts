// The bindings as the benchmark sees them: queue sends and Durable Object requests counted. Only
// used when a meter is installed; production gets the bindings untouched.
import type { Env } from "./env";
import { meter, meterInstalled } from "./lib/meter";

function meteredQueue<T>(queue: Queue<T>): Queue<T> {
  return {
    send: (body, opts) => {
      meter("queue.sends");
      return queue.send(body, opts);
    },
    sendBatch: (messages, opts) => {
      meter("queue.sends", [...messages].length);
      return queue.sendBatch(messages, opts);
    },
  } as Queue<T>;
}

function meteredNamespace<T extends Rpc.DurableObjectBranded | undefined>(ns: DurableObjectNamespace<T>): DurableObjectNamespace<T> {
  return new Proxy(ns, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === "get") {
        return (...args: Parameters<DurableObjectNamespace<T>["get"]>) => {
          const stub = target.get(...args);
          return new Proxy(stub, {
            get(s, p, r) {
              const v = Reflect.get(s, p, r);
              if (typeof v !== "function" || p === "fetch" || typeof p === "symbol") return v;
              return (...a: unknown[]) => {
                meter("do.requests", 1, String(p));
                // Reflect.apply: an RPC stub would take `.apply` for a remote method name.
                return Reflect.apply(v as (...x: unknown[]) => unknown, s, a);
              };
            },
          });
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function meteredEnv(env: Env): Env {
  if (!meterInstalled()) return env;
  return {
    ...env,
    POLLS: meteredQueue(env.POLLS),
    INBOUND: meteredQueue(env.INBOUND),
    OUTBOUND: meteredQueue(env.OUTBOUND),
    TENANT_GATE: meteredNamespace(env.TENANT_GATE),
  };
}
