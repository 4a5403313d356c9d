// The SSRF guard on tenant-supplied URLs.
import { describe, expect, it } from "vitest";
import { validateUpstreamUrl } from "../../src/lib/url-guard";

const refused = [
  "http://erp.example.com",
  "ftp://erp.example.com",
  "file:///etc/passwd",
  "https://10.0.0.1",
  "https://172.16.5.4",
  "https://172.31.255.255",
  "https://192.168.1.1",
  "https://169.254.169.254/latest/meta-data",
  "https://127.0.0.1",
  "https://127.1",
  "https://0.0.0.0",
  "https://[::1]",
  "https://[fc00::1]",
  "https://[fd12:3456::1]",
  "https://[fe80::1]",
  "https://[::ffff:127.0.0.1]",
  "https://[::ffff:10.0.0.1]",
  "https://localhost",
  "https://api.localhost",
  "https://printer.local",
  "https://metadata.google.internal",
  "https://intranet",
  "https://2130706433",
  "https://017700000001",
  "https://0x7f000001",
  "https://0x7f.0.0.1",
  "https://user:pass@erp.example.com",
  "https://erp.example.com?x=1",
  "not a url",
];

const accepted = ["https://acme.acumatica.com", "https://acme.acumatica.com/site1/", "https://api.spscommerce.com", "https://8.8.8.8", "https://[2001:4860:4860::8888]"];

describe("upstream URL guard", () => {
  it.each(refused)("refuses %s", (url) => {
    const r = validateUpstreamUrl(url, { allowPrivate: false });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
  });

  it.each(accepted)("accepts %s", (url) => {
    expect(validateUpstreamUrl(url, { allowPrivate: false }).ok).toBe(true);
  });

  it("normalises away a trailing slash", () => {
    expect(validateUpstreamUrl("https://acme.acumatica.com/site1/", { allowPrivate: false })).toEqual({ ok: true, value: "https://acme.acumatica.com/site1" });
  });

  it("admits loopback http only when private upstreams are allowed", () => {
    expect(validateUpstreamUrl("http://127.0.0.1:8788/sps", { allowPrivate: true })).toEqual({ ok: true, value: "http://127.0.0.1:8788/sps" });
    expect(validateUpstreamUrl("http://localhost:8788", { allowPrivate: true }).ok).toBe(true);
    expect(validateUpstreamUrl("http://127.0.0.1:8788/sps", { allowPrivate: false }).ok).toBe(false);
    // Still no other private ranges, and no plain http to public hosts.
    expect(validateUpstreamUrl("https://10.0.0.1", { allowPrivate: true }).ok).toBe(false);
    expect(validateUpstreamUrl("http://erp.example.com", { allowPrivate: true }).ok).toBe(false);
  });
});
