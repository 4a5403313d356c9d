// Outbound file names follow SPS's pattern, are the same for the same document, and stay safe and distinct.
import { describe, expect, it } from "vitest";
import { outboundFileName } from "../../../src/rsx";

describe("outbound file names", () => {
  it("uses SPS's prefix-id-sequence-version-model pattern", () => {
    expect(outboundFileName({ documentType: "856", documentId: "BH-ASN-000784", model: "BulkImport", format: "xml" })).toBe("SHBH-ASN-000784-1-v7.7-BulkImport.xml");
    expect(outboundFileName({ documentType: "810", documentId: "INV2603100784", model: "CrossDock", format: "json" })).toBe("ININV2603100784-1-v7.7-CrossDock.json");
    expect(outboundFileName({ documentType: "855", documentId: "NW4500124101", sequence: 2, model: "CrossDock", format: "xml" })).toBe("PRNW4500124101-2-v7.7-CrossDock.xml");
  });

  it("reduces unsafe ids to safe characters and keeps them distinct with a hash", () => {
    const a = outboundFileName({ documentType: "856", documentId: "ASN/../1", format: "xml" });
    const b = outboundFileName({ documentType: "856", documentId: "ASN 1", format: "xml" });
    expect(a).toMatch(/^SHASN_1_[0-9a-f]{8}-1-v7\.7-BulkImport\.xml$/);
    expect(b).toMatch(/^SHASN_1_[0-9a-f]{8}-1-v7\.7-BulkImport\.xml$/);
    expect(a).not.toBe(b);
    expect(outboundFileName({ documentType: "856", documentId: "ASN/../1", format: "xml" })).toBe(a);
  });

  it("caps very long ids", () => {
    const name = outboundFileName({ documentType: "810", documentId: "X".repeat(300), format: "xml" });
    expect(name.length).toBeLessThan(120);
  });
});
