// The $batch wire format (reference/dynamics-365-fo.md §7, §9c): the writer's exact CRLF layout, and
// the reader on F&O-shaped answers (a changeset of 201s, a failed changeset, single parts) and on
// malformed ones (bare LF, no closing boundary, a part that is not application/http).
import { describe, expect, it } from "vitest";
import { boundaryOf, readBatchAnswer, writeChangesetBatch } from "../../../src/erp/dynamics/batch";

const CRLF = "\r\n";

describe("writeChangesetBatch", () => {
  it("writes one changeset of application/http operations with CRLF line ends", () => {
    const batch = writeChangesetBatch(
      [
        { method: "POST", url: "https://env.example/data/SalesOrderHeadersV2", contentId: "1", body: { dataAreaId: "usmf", Note: "line1\r\n--changeset_c" } },
        { method: "POST", url: "$1/SalesOrderLines", contentId: "2", body: { ItemNumber: "A" } },
      ],
      { batch: "batch_b", changeset: "changeset_c" },
    );
    expect(batch.contentType).toBe("multipart/mixed; boundary=batch_b");
    expect(batch.body).toBe(
      [
        "--batch_b",
        "Content-Type: multipart/mixed; boundary=changeset_c",
        "",
        "--changeset_c",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "Content-ID: 1",
        "",
        "POST https://env.example/data/SalesOrderHeadersV2 HTTP/1.1",
        "OData-Version: 4.0",
        "OData-MaxVersion: 4.0",
        "Accept: application/json",
        "Content-Type: application/json;odata.metadata=minimal;charset=UTF-8",
        "",
        // A line break inside a value stays escaped: it cannot end the part early.
        '{"dataAreaId":"usmf","Note":"line1\\r\\n--changeset_c"}',
        "--changeset_c",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "Content-ID: 2",
        "",
        "POST $1/SalesOrderLines HTTP/1.1",
        "OData-Version: 4.0",
        "OData-MaxVersion: 4.0",
        "Accept: application/json",
        "Content-Type: application/json;odata.metadata=minimal;charset=UTF-8",
        "",
        '{"ItemNumber":"A"}',
        "--changeset_c--",
        "--batch_b--",
        "",
      ].join(CRLF),
    );
    expect(batch.body.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("refuses duplicate Content-IDs and bad boundaries", () => {
    expect(() => writeChangesetBatch([{ method: "POST", url: "x", contentId: "1" }, { method: "POST", url: "y", contentId: "1" }], { batch: "b", changeset: "c" })).toThrow(/unique/);
    expect(() => writeChangesetBatch([], { batch: "has space", changeset: "c" })).toThrow(/boundar/);
  });
});

/** An answer in the shape F&O (and the sandbox) sends. */
function answer(parts: string[][], single?: string): string {
  const changeset = parts
    .map((p) => `--changesetresponse_x${CRLF}Content-Type: application/http${CRLF}Content-Transfer-Encoding: binary${CRLF}${p.join(CRLF)}${CRLF}`)
    .join("");
  const singles = single ? `--batchresponse_y${CRLF}Content-Type: application/http${CRLF}Content-Transfer-Encoding: binary${CRLF}${CRLF}${single}${CRLF}` : "";
  return `--batchresponse_y${CRLF}Content-Type: multipart/mixed; boundary=changesetresponse_x${CRLF}${CRLF}${changeset}--changesetresponse_x--${CRLF}${singles}--batchresponse_y--${CRLF}`;
}

describe("readBatchAnswer", () => {
  const type = "multipart/mixed; boundary=batchresponse_y";

  it("reads a changeset of created entities with their Content-IDs, headers and bodies", () => {
    const text = answer(
      [
        ["Content-ID: 1", "", "HTTP/1.1 201 Created", "Content-Type: application/json; odata.metadata=minimal", "Location: https://env/data/SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='SO-1')", "", '{"SalesOrderNumber":"SO-1"}'],
        ["Content-ID: 2", "", "HTTP/1.1 201 Created", "", '{"LineNumber":1}'],
      ],
      "HTTP/1.1 204 No Content\r\n",
    );
    const read = readBatchAnswer(type, text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toHaveLength(2);
    const [changeset, single] = read.value;
    expect(changeset!.kind).toBe("changeset");
    if (changeset!.kind !== "changeset") return;
    expect(changeset!.parts.map((p) => [p.contentId, p.status, JSON.parse(p.body)])).toEqual([
      ["1", 201, { SalesOrderNumber: "SO-1" }],
      ["2", 201, { LineNumber: 1 }],
    ]);
    expect(changeset!.parts[0]!.headers.get("location")).toContain("SO-1");
    expect(single).toMatchObject({ kind: "single", part: { status: 204, body: "" } });
  });

  it("reads a failed changeset whose answer is the failing operation alone, with Retry-After", () => {
    const read = readBatchAnswer(type, answer([["Content-ID: 3", "", "HTTP/1.1 429 Too Many Requests", "Retry-After: 7", "", '{"error":{"message":"busy"}}']]));
    expect(read.ok && read.value[0]!.kind === "changeset" && read.value[0]!.parts[0]).toMatchObject({ contentId: "3", status: 429, body: '{"error":{"message":"busy"}}' });
    if (read.ok && read.value[0]!.kind === "changeset") expect(read.value[0]!.parts[0]!.headers.get("retry-after")).toBe("7");
  });

  it("refuses bare LF, a missing closing boundary, a non-HTTP part and a non-multipart answer", () => {
    const good = answer([["Content-ID: 1", "", "HTTP/1.1 201 Created", "", "{}"]]);
    expect(readBatchAnswer(type, good).ok).toBe(true);
    expect(readBatchAnswer(type, good.replace(/\r\n/g, "\n"))).toMatchObject({ ok: false, error: expect.stringMatching(/CRLF/) });
    expect(readBatchAnswer(type, good.replace("--batchresponse_y--\r\n", ""))).toMatchObject({ ok: false, error: expect.stringMatching(/closing boundary/) });
    expect(readBatchAnswer(type, good.replace("Content-Type: application/http", "Content-Type: text/plain")).ok).toBe(false);
    expect(readBatchAnswer("application/json", "{}")).toMatchObject({ ok: false });
  });

  it("finds the boundary of quoted and unquoted content types", () => {
    expect(boundaryOf('multipart/mixed; boundary="batch_1"')).toBe("batch_1");
    expect(boundaryOf("multipart/mixed;boundary=batch_2; charset=utf-8")).toBe("batch_2");
    expect(boundaryOf("application/json")).toBeUndefined();
  });
});
