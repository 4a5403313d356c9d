// Redaction by key name and by value, at the logger.
import { describe, expect, it } from "vitest";
import { createLogger, setLogSink } from "../../src/lib/log";
import { redact, registerSecret } from "../../src/lib/redact";

describe("redaction", () => {
  it("masks secret-named keys at any depth and registered values anywhere", () => {
    registerSecret("tok_live_9f8e7d6c5b4a");
    const out = redact({
      clientSecret: "abc",
      nested: { password: "pw", list: [{ access_token: "x" }], note: "used tok_live_9f8e7d6c5b4a today" },
      header: "Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig",
      tokenType: "Bearer",
      secretFields: ["clientSecret"],
    });
    expect(out).toEqual({
      clientSecret: "[redacted]",
      nested: { password: "[redacted]", list: [{ access_token: "[redacted]" }], note: "used [redacted] today" },
      header: "Bearer [redacted]",
      tokenType: "Bearer",
      secretFields: ["clientSecret"],
    });
  });

  it("never writes a registered secret in a log line", () => {
    registerSecret("hunter2-very-secret");
    const lines: string[] = [];
    const previous = setLogSink((line) => lines.push(line));
    try {
      createLogger("debug").error("token request failed for hunter2-very-secret", { error: new Error("got hunter2-very-secret back"), password: "x" });
    } finally {
      setLogSink(previous);
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("hunter2");
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", password: "[redacted]" });
  });
});
