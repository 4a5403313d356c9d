// Builds the 855 purchase order acknowledgment (sps-commerce.md §3.4) from the original 850 and what the ERP
// accepted: the header and each line echo the PO, and every line carries one or more LineItemAcknowledgement
// rows (status, quantity, schedule date). Input problems come back as reasons, not throws.
import type { Note, RsxDate } from "./common-groups";
import {
  addressOut,
  dateOut,
  itemIdentifiersOut,
  noteOut,
  priceInformationOut,
  productAttributesOut,
  productDescriptionOut,
  referenceOut,
} from "./echo-groups";
import type { Order850, OrderLine } from "./order-850";
import { orderLineKey } from "./order-850-queries";
import { ORDER_ACK } from "./order-ack-855-elements";
import { checkDateTimes, roundMoney } from "./outbound-values";
import type { RsxOut } from "./rsx-arrange";
import { renderRsxDocument, type BuiltRsxDocument } from "./rsx-document";
import { invalid, type RsxResult } from "./rsx-result";
import { ok } from "../lib/result";

/** AD detail no change, AC detail with change, AE exceptions only, AK no detail, RD/RF/RJ reject… (§3.4). */
export type AcknowledgementType = "AD" | "AC" | "AE" | "AH" | "AK" | "AP" | "RD" | "RF" | "RJ" | "RO";

/** IA accept, IQ qty changed, IP price changed, IC changes made, IB backordered, IR rejected, DR date rescheduled… */
export type ItemStatusCode = string;

export interface LineAcknowledgement {
  itemStatusCode: ItemStatusCode;
  quantity: number;
  /** Defaults to the 850 line's OrderQtyUOM. */
  uom?: string;
  /** Date qualifier of scheduleDate: 068 scheduled ship (default when a date is given), 017 estimated delivery. */
  scheduleQualifier?: string;
  scheduleDate?: string;
  /** The price the supplier will charge, sent when it differs from the PO (IP/IC). */
  unitPrice?: number;
}

export interface OrderAckLineInput {
  /** The 850 line, by LineSequenceNumber (or 1-based position when the PO has none; see orderLineKey). */
  line: string;
  acknowledgements: LineAcknowledgement[];
}

export interface OrderAckInput {
  order: Order850;
  acknowledgementType: AcknowledgementType;
  /** YYYY-MM-DD. */
  acknowledgementDate: string;
  acknowledgementTime?: string;
  /** The supplier's acknowledgment or sales-order number. */
  acknowledgementNumber?: string;
  /** 00 original (default), 04 change, 06 confirmation… */
  tsetPurposeCode?: string;
  internalOrderNumber?: string;
  internalOrderDate?: string;
  /** Header dates, e.g. { dateTimeQualifier: "068", date } scheduled ship. */
  dates?: RsxDate[];
  notes?: Note[];
  /** Header address types to echo from the 850 (default ST ship-to and Z7 mark-for). */
  echoAddressTypes?: string[];
  lines: OrderAckLineInput[];
}

// Acknowledgment types that promise a row for every PO line, and those that carry no line detail (§3.4).
const EVERY_LINE: ReadonlySet<string> = new Set(["AD", "AC", "RD"]);
const NO_DETAIL: ReadonlySet<string> = new Set(["AK", "RJ"]);
// Statuses under which the acknowledged quantity is still coming, so it counts toward the Summary total.
const NOT_SUPPLIED: ReadonlySet<string> = new Set(["IR", "ID", "R1", "R2", "R3", "R4", "R7", "ROS", "CC"]);

export function buildOrderAck(input: OrderAckInput): RsxResult<BuiltRsxDocument> {
  const { order } = input;
  const reasons: string[] = [];
  checkDateTimes(
    [
      ["AcknowledgementDate", input.acknowledgementDate, "date"],
      ["AcknowledgementTime", input.acknowledgementTime, "time"],
      ["InternalOrderDate", input.internalOrderDate, "date"],
    ],
    reasons,
  );

  const byKey = new Map(order.lines.map((line, index) => [orderLineKey(line, index), line] as const));
  const given = new Map<string, OrderAckLineInput>();
  for (const lineInput of input.lines) {
    if (!byKey.has(lineInput.line)) reasons.push(`Line ${lineInput.line} is not on PO ${order.header.purchaseOrderNumber}.`);
    else if (given.has(lineInput.line)) reasons.push(`Line ${lineInput.line} is acknowledged twice; give all its rows in one entry.`);
    given.set(lineInput.line, lineInput);
    if (lineInput.acknowledgements.length === 0) reasons.push(`Line ${lineInput.line} has no acknowledgement row.`);
    for (const ack of lineInput.acknowledgements) {
      if (ack.itemStatusCode.trim() === "") reasons.push(`Line ${lineInput.line}: an acknowledgement row has no ItemStatusCode.`);
      if (!Number.isFinite(ack.quantity) || ack.quantity < 0) reasons.push(`Line ${lineInput.line}: quantity ${ack.quantity} is not a quantity.`);
      if (ack.unitPrice !== undefined && (!Number.isFinite(ack.unitPrice) || ack.unitPrice < 0)) reasons.push(`Line ${lineInput.line}: price ${ack.unitPrice} is not a price.`);
      checkDateTimes([[`Line ${lineInput.line} schedule date`, ack.scheduleDate, "date"]], reasons);
    }
  }
  const withDetail = !NO_DETAIL.has(input.acknowledgementType);
  if (withDetail && EVERY_LINE.has(input.acknowledgementType)) {
    const missing = [...byKey.keys()].filter((key) => !given.has(key));
    if (missing.length > 0) {
      reasons.push(`Acknowledgement type ${input.acknowledgementType} needs every PO line; missing line(s) ${missing.join(", ")}.`);
    }
  }
  if (reasons.length > 0) return invalid(reasons);

  const lineItems: RsxOut[] = [];
  let total = 0;
  if (withDetail) {
    order.lines.forEach((line, index) => {
      const lineInput = given.get(orderLineKey(line, index));
      if (lineInput === undefined) return;
      lineItems.push(lineItemOut(line, lineInput));
      for (const ack of lineInput.acknowledgements) {
        if (!NOT_SUPPLIED.has(ack.itemStatusCode)) total += ack.quantity * (ack.unitPrice ?? line.purchasePrice ?? 0);
      }
    });
  }

  const h = order.header;
  const echoTypes = new Set(input.echoAddressTypes ?? ["ST", "Z7"]);
  const content: RsxOut = {
    Header: {
      OrderHeader: {
        TradingPartnerId: h.tradingPartnerId,
        PurchaseOrderNumber: h.purchaseOrderNumber,
        TsetPurposeCode: input.tsetPurposeCode ?? "00",
        PrimaryPOTypeCode: h.primaryPOTypeCode,
        PurchaseOrderDate: h.purchaseOrderDate,
        ReleaseNumber: h.releaseNumber,
        AcknowledgementNumber: input.acknowledgementNumber,
        AcknowledgementType: input.acknowledgementType,
        InternalOrderNumber: input.internalOrderNumber,
        InternalOrderDate: input.internalOrderDate,
        AcknowledgementDate: input.acknowledgementDate,
        AcknowledgementTime: input.acknowledgementTime,
        BuyersCurrency: h.buyersCurrency,
        Department: h.department,
        Vendor: h.vendor,
        Division: h.division,
        CustomerAccountNumber: h.customerAccountNumber,
        CustomerOrderNumber: h.customerOrderNumber,
      },
      Dates: (input.dates ?? []).map(dateOut),
      Address: order.addresses.filter((a) => a.addressTypeCode !== undefined && echoTypes.has(a.addressTypeCode)).map(addressOut),
      // Retailers typically want back whatever References the PO carried (§4 item 10).
      References: order.references.map(referenceOut),
      Notes: (input.notes ?? []).map(noteOut),
    },
    LineItem: lineItems,
    Summary: withDetail ? { TotalAmount: roundMoney(total), TotalLineItemNumber: lineItems.length } : undefined,
  };
  return ok(renderRsxDocument(ORDER_ACK, "OrderAcks", content));
}

function lineItemOut(line: OrderLine, lineInput: OrderAckLineInput): RsxOut {
  return {
    OrderLine: {
      ...itemIdentifiersOut(line),
      OrderQty: line.orderQty,
      OrderQtyUOM: line.orderQtyUOM,
      PurchasePriceType: line.purchasePriceType,
      PurchasePrice: line.purchasePrice,
      PurchasePriceBasis: line.purchasePriceBasis,
      ...productAttributesOut(line),
    },
    LineItemAcknowledgement: lineInput.acknowledgements.map((ack) => ({
      ItemStatusCode: ack.itemStatusCode,
      ItemScheduleQty: ack.quantity,
      ItemScheduleUOM: ack.uom ?? line.orderQtyUOM,
      ItemScheduleQualifier: ack.scheduleDate === undefined ? undefined : (ack.scheduleQualifier ?? "068"),
      ItemScheduleDate: ack.scheduleDate,
      PurchasePrice: ack.unitPrice,
    })),
    PriceInformation: line.priceInformation.map(priceInformationOut),
    ProductOrItemDescription: line.productDescriptions.map(productDescriptionOut),
    References: line.references.map(referenceOut),
  };
}
