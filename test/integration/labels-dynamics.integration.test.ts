// Carton labels from Dynamics 365 F&O packing slips, for each SPS order shape (cross-dock,
// multi-store, bulk import with the 856's tare level, so pallets get labels too, drop ship): the
// labels' SSCCs are the 856's, one for one, printed before the 856 is built or after it; the ZPL
// parses, the PDF decodes to (00) + SSCC and (420) + postal code, and a reprint is the same.
import { describe, expect, it } from "vitest";
import { documentDetail, documents, mailbox, pollNow, waitForSettled } from "../helpers/flow";
import { createDynamicsWorld, flowWorld, orderThrough, PARTNERS, shipOrder } from "../helpers/dynamics-world";
import { expectLabelsMatch, shipToPostal } from "../helpers/labels-assertions";
import { fetchLabels, noticeFor, ssccsOf856 } from "../helpers/labels-flow";
import { checkZpl } from "../helpers/labels-zpl-checker";

describe("carton labels from Dynamics 365 F&O packing slips", () => {
  for (const [shape, po, labelsFirst] of [
    ["CrossDock", "DLBL-CROSS", false],
    ["MultiStore", "DLBL-MULTI", true],
    ["BulkImport", "DLBL-BULK", false],
    ["DropShip", "DLBL-DROP", true],
  ] as const) {
    it(`labels a ${shape} packing slip with its 856's SSCCs (${labelsFirst ? "printed before" : "printed after"} the 856)`, async () => {
      const dw = await createDynamicsWorld({ rules: { [PARTNERS.bulkImport]: { asnStructure: "tare" } } });
      const world = flowWorld(dw);
      const orders = await orderThrough(dw, shape, po);
      expect(orders.length).toBeGreaterThan(0);
      const slips: string[] = [];
      for (const o of orders) {
        const trackingNumbers = shape === "CrossDock" ? ["1ZCROSS0001", "1ZCROSS0002", "1ZCROSS0003"] : shape === "DropShip" ? ["1ZDROP0001"] : undefined;
        slips.push((await shipOrder(dw, o, trackingNumbers ? { trackingNumbers } : {})).packingSlip.header.PackingSlipId);
      }
      const early = new Map<string, string>();
      if (labelsFirst) {
        expect(await documents(world, "type=856")).toEqual([]);
        for (const slip of slips) {
          const first = await fetchLabels(dw.tenantId, slip, "format=zpl");
          expect(first.status, first.text).toBe(200);
          early.set(slip, first.text);
        }
      }
      await pollNow(world);
      const notices = await waitForSettled(world, slips.length, { query: "type=856", poll: true, timeout: 30_000 });
      expect(notices.map((d) => `${d.naturalKey}:${d.status}`).sort()).toEqual(slips.map((s) => `${s}:delivered`).sort());
      const files = await mailbox(world, "in/");
      for (const slip of slips) {
        const notice = noticeFor(files, slip);
        expect(notice, `856 of ${slip}`).toBeDefined();
        const ssccs = ssccsOf856(notice!.content);
        const postal = shipToPostal(notice!.content);
        if (shape !== "MultiStore") expect(postal).toMatch(/^\d{5}$/);
        const printed = await expectLabelsMatch(dw.tenantId, slip, ssccs, postal);
        if (labelsFirst) for (const sscc of printed) expect(early.get(slip)).toContain(`>;>800${sscc}`);
        if (shape === "BulkImport") {
          // The tare level: one pallet label after the carton labels.
          expect(notice!.content).toContain("<PackLevelType>T</PackLevelType>");
          const labels = checkZpl((await fetchLabels(dw.tenantId, slip, "format=zpl")).text).labels;
          expect(labels.filter((l) => l.texts.includes("SSCC (PALLET):"))).toHaveLength(1);
          expect(labels.at(-1)!.texts).toContain("PALLET (MIXED CARTONS)");
        }
        const doc = notices.find((d) => d.naturalKey === slip)!;
        const trail = (await documentDetail(world, doc.id)).audit as Array<{ stage: string; detail: any }>;
        const prints = trail.filter((e) => e.stage === "labels_printed");
        expect(prints.length).toBe((labelsFirst ? 4 : 3) + (shape === "BulkImport" ? 1 : 0));
        expect(prints.map((e) => e.detail.newSsccs).reduce((a, b) => a + b, 0)).toBe(labelsFirst ? ssccs.length : 0);
      }
    });
  }
});
