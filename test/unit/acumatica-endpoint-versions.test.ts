// Which Acumatica Default endpoint versions carry what each flow reads or writes (published endpoint
// definitions; src/erp/acumatica/endpoint-versions.ts), pure.
import { describe, expect, it } from "vitest";
import { endpointVersionChecks } from "../../src/erp/acumatica/adapter";
import { missingForFlow, versionAdvice, versionBefore } from "../../src/erp/acumatica/endpoint-versions";

describe("Acumatica endpoint versions", () => {
  it("orders versions by their numbers", () => {
    expect(versionBefore("22.200.001", "23.200.001")).toBe(true);
    expect(versionBefore("23.200.001", "23.200.001")).toBe(false);
    expect(versionBefore("24.200.001", "23.200.001")).toBe(false);
    expect(versionBefore("9.200.001", "20.200.001")).toBe(true);
  });

  it("says what 20.200.001 lacks per flow, and that 23.200.001 and later lack nothing", () => {
    expect(missingForFlow("20.200.001", "850").map((f) => `${f.entity}.${f.field}`)).toEqual(["SalesOrderDetail.ManualPrice"]);
    expect(missingForFlow("20.200.001", "856").map((f) => `${f.entity}.${f.field}`)).toEqual(["ShipmentPackage.LineNbr", "ShipmentPackageDetail.OrigOrderNbr", "ShipmentPackageDetail.OrigOrderType"]);
    expect(versionAdvice("20.200.001", "810", "Invoices")).toMatch(/^Invoices \(810\) need endpoint 23\.200\.001 or later; endpoint 20\.200\.001 lacks SalesInvoice\.LastModifiedDateTime \(from 23\.200\.001; the invoice poll filters on it\)/);
    expect(versionAdvice("22.200.001", "856", "Ship notices")).toBeUndefined();
    for (const version of ["23.200.001", "24.200.001", "25.200.001"]) {
      expect(endpointVersionChecks(version).every((c) => c.ok)).toBe(true);
    }
    expect(endpointVersionChecks("22.200.001").map((c) => [c.name, c.ok])).toEqual([
      ["version:850", true],
      ["version:856", true],
      ["version:810", false],
    ]);
  });
});
