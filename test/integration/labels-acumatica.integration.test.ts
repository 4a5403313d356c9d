// Carton labels from Acumatica shipments, for each SPS order shape (cross-dock, multi-store, bulk
// import, drop ship): the labels' SSCCs are the 856's, one for one, whether the labels are printed
// before the 856 is built (the shipment's SSCCs are reserved, the 856 then sends them) or after it;
// the ZPL parses, the PDF decodes to (00) + SSCC and (420) + postal code, and a reprint is the same.
import { describe, expect, it } from "vitest";
import { crossDockPackages, documentDetail, documents, drop, fixtureXml, mailbox, pollNow, salesOrders, ship, waitForSettled, withPo } from "../helpers/flow";
import { expectLabelsMatch, shipToPostal } from "../helpers/labels-assertions";
import { fetchLabels, noticeFor, ssccsOf856 } from "../helpers/labels-flow";
import { createWorld } from "../helpers/world";

describe("carton labels from Acumatica shipments", () => {
  for (const [shape, po, labelsFirst] of [
    ["CrossDock", "LBL-CROSS", true],
    ["MultiStore", "LBL-MULTI", false],
    ["BulkImport", "LBL-BULK", true],
    ["DropShip", "LBL-DROP", false],
  ] as const) {
    it(`labels a ${shape} shipment with its 856's SSCCs (${labelsFirst ? "printed before" : "printed after"} the 856)`, async () => {
      const world = await createWorld();
      await drop(world, `out/PO/${po}.xml`, withPo(fixtureXml[shape], po));
      await pollNow(world);
      await waitForSettled(world, 1, { query: "type=850" });
      const orders = (await salesOrders(world)).filter((o) => o.CustomerOrder === po);
      expect(orders.length).toBeGreaterThan(0);
      const shipments: string[] = [];
      for (const o of orders) shipments.push(await ship(world, o.OrderNbr, shape === "CrossDock" ? { packages: crossDockPackages(o) } : {}));

      const early = new Map<string, string>();
      if (labelsFirst) {
        // No 856 document exists yet: the labels reserve the shipment's SSCCs.
        expect(await documents(world, "type=856")).toEqual([]);
        for (const nbr of shipments) {
          const first = await fetchLabels(world.tenantId, nbr, "format=zpl");
          expect(first.status, first.text).toBe(200);
          early.set(nbr, first.text);
        }
      }
      await pollNow(world);
      const notices = await waitForSettled(world, shipments.length, { query: "type=856", poll: true, timeout: 30_000 });
      expect(notices.map((d) => `${d.naturalKey}:${d.status}`).sort()).toEqual(shipments.map((s) => `${s}:delivered`).sort());
      const files = await mailbox(world, "in/");
      for (const nbr of shipments) {
        const notice = noticeFor(files, nbr);
        expect(notice, `856 of ${nbr}`).toBeDefined();
        const ssccs = ssccsOf856(notice!.content);
        const postal = shipToPostal(notice!.content);
        // The demo multi-store 850 names its stores by number only, so there is no postal code to print.
        if (shape !== "MultiStore") expect(postal).toMatch(/^\d{5}$/);
        const printed = await expectLabelsMatch(world.tenantId, nbr, ssccs, postal);
        // Labels printed before the 856 already carried the numbers the 856 then sent.
        if (labelsFirst) for (const sscc of printed) expect(early.get(nbr)).toContain(`>;>800${sscc}`);
        const doc = notices.find((d) => d.naturalKey === nbr)!;
        const trail = (await documentDetail(world, doc.id)).audit as Array<{ stage: string; detail: any; actor: string }>;
        const prints = trail.filter((e) => e.stage === "labels_printed");
        // expectLabelsMatch prints three times (ZPL, PDF, ZPL again), plus the early print.
        expect(prints).toHaveLength(labelsFirst ? 4 : 3);
        expect(prints.every((e) => e.actor === "operator:test-operator" && [...e.detail.ssccs].sort().join() === [...ssccs].sort().join())).toBe(true);
        // SSCCs were drawn once: by the first print when it came first, else by the 856.
        expect(prints.map((e) => e.detail.newSsccs)).toEqual(labelsFirst ? [ssccs.length, 0, 0, 0] : [0, 0, 0]);
        const assigned = trail.filter((e) => e.stage === "sscc_assigned");
        expect(assigned).toHaveLength(1);
        expect(assigned[0]!.detail.reservedByLabels ?? 0).toBe(labelsFirst ? ssccs.length : 0);
      }
    });
  }
});
