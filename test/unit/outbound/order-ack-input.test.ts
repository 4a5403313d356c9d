// The 855 mapping rules: the 850 and the ERP orders made from it → OrderAckInput, accepted, changed and
// rejected lines (deriveAckLines), store-split orders added up per line, and unit conversion undone.
import { describe, expect, it } from "vitest";
import { checkOrderAck } from "../../../src/flows/compliance";
import { orderAckInputFrom } from "../../../src/flows/outbound-order-ack";
import { buildOrderAck, type OrderAckInput } from "../../../src/rsx";
import { createdFor, fixtureOrder, linksOf, SHAPES } from "./outbound-fixtures";

function mapped(...args: Parameters<typeof orderAckInputFrom>): OrderAckInput {
  const result = orderAckInputFrom(...args);
  if (!result.ok) throw new Error(result.error.reasons.join("\n"));
  return result.value;
}

const statuses = (input: OrderAckInput) => input.lines.map((l) => l.acknowledgements.map((a) => `${l.line}:${a.itemStatusCode}:${a.quantity}`).join(" "));

describe("acknowledging each order shape", () => {
  it.each(SHAPES)("%s: every line accepted as ordered (AD), passes the rules and the RSX builder", (shape) => {
    const links = linksOf(shape);
    const order = links[0]!.order;
    const input = mapped({ order, created: links.map((l) => l.created), today: "2026-03-06", time: "09:30:00", supplier: { vendor: "V48213" } });
    expect(input.acknowledgementType).toBe("AD");
    expect(statuses(input)).toEqual(order.lines.map((l) => `${l.lineSequenceNumber}:IA:${l.orderQty}`));
    expect(checkOrderAck(input, [order], {})).toEqual({ ok: true });
    const built = buildOrderAck(input);
    if (!built.ok) throw new Error(built.error.reasons.join("\n"));
    expect(JSON.parse(built.value.json).Header.OrderHeader).toMatchObject({ PurchaseOrderNumber: order.header.purchaseOrderNumber, AcknowledgementType: "AD", AcknowledgementDate: "2026-03-06" });
  });
});

describe("changes the ERP made", () => {
  it("reports a quantity change IQ, a price change IP, a missing line IR, as AC", () => {
    const order = fixtureOrder("BulkImport");
    const created = createdFor(order, "SO1");
    created.lines[0] = { ...created.lines[0]!, qty: 60 };
    created.lines[1] = { ...created.lines[1]!, unitPrice: 9.9 };
    created.lines.splice(3, 1);
    const input = mapped({ order, created: [created], today: "2026-03-06" });
    expect(input.acknowledgementType).toBe("AC");
    expect(statuses(input)).toEqual(["1:IQ:60", "2:IP:48", "3:IA:24", "4:IR:96"]);
    expect(input.lines[1]!.acknowledgements[0]!.unitPrice).toBe(9.9);
    expect(input).toMatchObject({ acknowledgementNumber: "SO1", internalOrderNumber: "SO1" });
  });

  it("rejects every line (RD) when no ERP order holds any", () => {
    const order = fixtureOrder("DropShip");
    expect(mapped({ order, created: [], today: "2026-03-06" }).acknowledgementType).toBe("RD");
  });

  it("undoes a unit conversion made at order creation", () => {
    const order = fixtureOrder("DropShip");
    const created = createdFor(order, "SO1");
    created.lines[1] = { ...created.lines[1]!, qty: 1, uom: "PR", unitPrice: 23 };
    const input = mapped({ order, created: [created], today: "2026-03-06" });
    expect(input.acknowledgementType).toBe("AD");
    expect(input.lines[1]!.acknowledgements[0]).toMatchObject({ itemStatusCode: "IA", quantity: 2, uom: "EA" });
  });

  it("is invalid when an ERP line points at a line the 850 does not have", () => {
    const order = fixtureOrder("DropShip");
    const created = createdFor(order, "SO1");
    created.lines.push({ lineRef: "7", lineNbr: 3, itemId: "MATCHES-JAR", qty: 1 });
    const result = orderAckInputFrom({ order, created: [created], today: "2026-03-06" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.reasons).toEqual(["Sales order SO1 line 3 (item MATCHES-JAR) points at 850 line 7, which PO HD10045871 does not have."]);
  });
});
