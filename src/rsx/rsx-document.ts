// Renders one outbound document from builder content: arranged once by its element table, then written as
// RSX XML (plural wrapper, default namespace) and as RSX JSON, so both forms carry the same elements.
import type { GroupSpec } from "./element-spec";
import { toRsxJson } from "./json-writer";
import { arrangeElements, type RsxOut } from "./rsx-arrange";
import { writeRsxXml } from "./xml-writer";

export interface BuiltRsxDocument {
  /** UTF-8 RSX XML text, e.g. `<Shipments xmlns="http://www.spscommerce.com/RSX"><Shipment>…`. */
  xml: string;
  /** RSX JSON text of the single document object (SPS's JSON form). */
  json: string;
}

export function renderRsxDocument(table: GroupSpec, wrapper: string, content: RsxOut): BuiltRsxDocument {
  const arranged = arrangeElements(table, content);
  return {
    xml: writeRsxXml(wrapper, table.name, [arranged]),
    json: JSON.stringify(toRsxJson(arranged), null, 2) + "\n",
  };
}
