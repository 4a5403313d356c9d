// SPS error bodies in plain words, pure: problem+json first (SPS's published API standard, with the
// request id support asks for and each context message), then the older shapes, then raw text.
import { describe, expect, it } from "vitest";
import type { HttpResponse } from "../../src/lib/http";
import { spsErrorDetail } from "../../src/sps/client";

function response(text: string, type = "application/json"): HttpResponse {
  const body = new TextEncoder().encode(text);
  return { status: 400, headers: new Headers({ "content-type": type }), body, truncated: false, text: () => text, json: () => JSON.parse(text) };
}

describe("spsErrorDetail", () => {
  it("reads problem+json: detail, context messages and the request id", () => {
    const problem = { title: "Bad Request", status: 400, detail: "The file could not be stored", requestId: "7f3c-11aa", context: [{ code: "PATH", message: "Parent directory not found", field: "path" }] };
    expect(spsErrorDetail(response(JSON.stringify(problem), "application/problem+json"))).toBe("The file could not be stored; Parent directory not found (SPS requestId 7f3c-11aa)");
    expect(spsErrorDetail(response(JSON.stringify({ title: "Not Found", status: 404 }), "application/problem+json"))).toBe("Not Found");
    // A request id that is not an id is left out rather than echoed.
    expect(spsErrorDetail(response(JSON.stringify({ detail: "x", requestId: "<script>" })))).toBe("x");
  });

  it("falls back to the nested error, {message} and raw text", () => {
    expect(spsErrorDetail(response(JSON.stringify({ error: { errorDescription: "bad cursor" } })))).toBe("bad cursor");
    expect(spsErrorDetail(response(JSON.stringify({ message: "Directory not found" })))).toBe("Directory not found");
    expect(spsErrorDetail(response("upstream timed out", "text/plain"))).toBe("upstream timed out");
    expect(spsErrorDetail(response(""))).toBeUndefined();
  });
});
