// Licence limits of a simulated instance (acumatica.md section 5, limits-and-costs.md 2.1): API
// requests per minute (sliding 60 s window) and concurrent API requests, both per instance. Past
// either limit the request is refused with 429; Retry-After only when the instance is configured
// to send it (whether Acumatica sends one is unknown).
import type { AcumaticaInstance } from "./instances";
import { licenceLimitExceeded } from "./unconfirmed";

export type Admission = { ok: true; release: () => void } | { ok: false; response: Response };

export function admitRequest(instance: AcumaticaInstance, nowMs: number): Admission {
  const { limits, licence } = instance;
  licence.acceptedAt = licence.acceptedAt.filter((t) => t > nowMs - 60_000);
  if (limits.requestsPerMinute !== null && licence.acceptedAt.length >= limits.requestsPerMinute) {
    const oldest = licence.acceptedAt[0] ?? nowMs;
    const wait = Math.max(1, Math.ceil((oldest + 60_000 - nowMs) / 1000));
    return { ok: false, response: licenceLimitExceeded(limits.retryAfterOnLimit ? { "retry-after": String(wait) } : {}) };
  }
  if (limits.maxConcurrent !== null && licence.inFlight >= limits.maxConcurrent) {
    return { ok: false, response: licenceLimitExceeded(limits.retryAfterOnLimit ? { "retry-after": "1" } : {}) };
  }
  licence.acceptedAt.push(nowMs);
  licence.inFlight++;
  let released = false;
  return {
    ok: true,
    release: () => {
      if (!released) {
        released = true;
        licence.inFlight--;
      }
    },
  };
}
