// The typed client of the TenantGate Durable Object: the UpstreamGate every upstream client calls
// through (lib/gated-request.ts), plus leases, status and reset for the poll streams and the API.
import type { ConnectionSystem } from "../connections/systems";
import type { Env } from "../env";
import type { UpstreamGate } from "../lib/gated-request";
import type { AcquireResult, GateStatus } from "./gate";

export class TenantGateClient implements UpstreamGate {
  private readonly stub: DurableObjectStub<import("./gate").TenantGate>;

  constructor(
    env: Pick<Env, "TENANT_GATE">,
    readonly tenantId: string,
    readonly system: ConnectionSystem,
  ) {
    this.stub = env.TENANT_GATE.get(env.TENANT_GATE.idFromName(`${tenantId}:${system}`));
  }

  private get id() {
    return { tenantId: this.tenantId, system: this.system };
  }

  acquire(opts: { needToken?: boolean; requestsPerMinute?: number | undefined } = {}): Promise<AcquireResult> {
    return this.stub.acquire({ ...this.id, needToken: opts.needToken ?? true, requestsPerMinute: opts.requestsPerMinute });
  }

  async invalidateToken(token: string): Promise<boolean> {
    return (await this.stub.invalidateToken({ ...this.id, token })).invalidated;
  }

  async reportThrottle(retryAfterMs: number | undefined, status?: number): Promise<number> {
    return (await this.stub.reportThrottle({ ...this.id, retryAfterMs, status })).backoffUntil;
  }

  acquireLease(stream: string, ttlMs: number) {
    return this.stub.acquireLease({ ...this.id, stream, ttlMs });
  }

  async releaseLease(stream: string, leaseId: string): Promise<boolean> {
    return (await this.stub.releaseLease({ ...this.id, stream, leaseId })).released;
  }

  status(): Promise<GateStatus> {
    return this.stub.status(this.id);
  }

  reset(): Promise<void> {
    return this.stub.reset(this.id);
  }
}
