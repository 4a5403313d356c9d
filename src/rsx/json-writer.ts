// Writes arranged RSX elements as RSX JSON (SPS's JSON form: same names, repeated groups as arrays, numbers
// as JSON numbers where the 7.7 schema types them so). One document is one object, as in SPS's samples.
import type { ArrangedElement } from "./rsx-arrange";

export type RsxJsonValue = string | number | boolean | RsxJsonObject | RsxJsonObject[];
export interface RsxJsonObject {
  [name: string]: RsxJsonValue;
}

export function toRsxJson(elements: readonly ArrangedElement[]): RsxJsonObject {
  const out: RsxJsonObject = {};
  for (const element of elements) {
    if (element.kind === "group") {
      const items = element.items.map(toRsxJson);
      out[element.name] = element.repeat ? items : items[0]!;
    } else {
      out[element.name] = element.value;
    }
  }
  return out;
}
