// GS1 check digits and identifiers: the demo world's UPCs are valid, SPS's sample SSCC is not, SSCCs built
// from a company prefix are, and item codes normalise to GTIN-14.
import { describe, expect, it } from "vitest";
import demoWorld from "../../../sandbox/fixtures/demo-world.json";
import {
  buildSscc,
  gs1CheckDigit,
  isValidEan13,
  isValidGtin,
  isValidGtin14,
  isValidSscc18,
  isValidUpcA,
  shippingSerialId,
  toGtin14,
} from "../../../src/rsx";

describe("GS1 identifiers", () => {
  it("accepts every demo-world UPC and computes its check digit", () => {
    for (const item of demoWorld.items) {
      expect(isValidUpcA(item.upc)).toBe(true);
      expect(gs1CheckDigit(item.upc.slice(0, 11))).toBe(Number(item.upc[11]));
      expect(isValidGtin14(toGtin14(item.upc)!)).toBe(true);
    }
    expect(isValidUpcA("081234501014")).toBe(false);
  });

  it("knows SPS's sample SSCC has a wrong check digit (sps-commerce.md §3.5)", () => {
    expect(isValidSscc18("007774760000006929")).toBe(false);
    expect(shippingSerialId("00007774760000006929")).toBeUndefined();
  });

  it("validates EAN-13 and GTIN-14 by length and check digit", () => {
    expect(isValidEan13("4006381333931")).toBe(true);
    expect(isValidEan13("4006381333932")).toBe(false);
    expect(isValidGtin14("10081234501010")).toBe(true);
    expect(isValidGtin("96385074")).toBe(true);
    expect(isValidGtin("12345")).toBe(false);
    expect(isValidGtin("08123450101A")).toBe(false);
  });

  it("normalises UPC, EAN and GTIN to GTIN-14", () => {
    expect(toGtin14("081234501013")).toBe("00081234501013");
    expect(toGtin14("4006381333931")).toBe("04006381333931");
    expect(toGtin14("00081234501013")).toBe("00081234501013");
    expect(toGtin14("081234501014")).toBeUndefined();
  });

  it("builds an SSCC-18 from extension digit, company prefix and serial", () => {
    const sscc = buildSscc({ extensionDigit: 0, companyPrefix: "0812345", serial: 4502 });
    expect(sscc).toEqual({ ok: true, value: "008123450000045024" });
    expect(shippingSerialId("008123450000045024")).toBe("00008123450000045024");
    expect(isValidSscc18("008123450000045024")).toBe(true);
    const long = buildSscc({ extensionDigit: 3, companyPrefix: "081234512345", serial: "9999" });
    expect(long.ok && long.value).toBe("308123451234599998".slice(0, 17) + gs1CheckDigit("30812345123459999"));
  });

  it("refuses an SSCC that cannot be built", () => {
    expect(buildSscc({ extensionDigit: 0, companyPrefix: "0812345", serial: 1_000_000_000 })).toEqual({
      ok: false,
      error: { kind: "invalid", reasons: ["SSCC serial 1000000000 does not fit: with company prefix 0812345 the serial has 9 digits."] },
    });
    expect(buildSscc({ extensionDigit: 10, companyPrefix: "0812345", serial: 1 }).ok).toBe(false);
    expect(buildSscc({ extensionDigit: 0, companyPrefix: "08123", serial: 1 }).ok).toBe(false);
  });
});
