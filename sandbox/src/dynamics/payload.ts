// Reads the JSON body of a POST or PATCH the way ODataLib deserializes it for F&O: an object of
// declared properties only, each of its EDM type (strings, numbers, DateTimeOffset strings with a
// zone, enum symbols as strings; non-string properties are non-nullable), optional @odata.type of
// the right entity type. Read-only properties (status, totals, generated ids) are dropped.
import { enumSymbols, isEnumType } from "./enums";
import { edmTypeName, qualifiedTypeName, type EntitySetDef, type FieldType } from "./entity-sets";
import { badRequest, notSimulated } from "./odata-results";
import { READ_ONLY_FIELDS_IGNORED } from "./unconfirmed";
import { formatDateTime, parseDateTimeOffset, type Fields, type Value } from "./values";

const INT32_MAX = 2_147_483_647;

function convert(name: string, type: FieldType, raw: unknown): Value {
  const cannotConvert = () => badRequest(`Cannot convert a primitive value to the expected type '${edmTypeName(type)}'. See the inner exception for more details.`);
  if (raw === null) {
    if (type === "string") return "";
    const edm = edmTypeName(type);
    throw badRequest(`A null value was found for the property named '${name}', which has the expected type '${edm}[Nullable=False]'. The expected type '${edm}[Nullable=False]' does not allow null values.`);
  }
  if (isEnumType(type)) {
    if (typeof raw !== "string") throw cannotConvert();
    if (!enumSymbols(type).includes(raw)) throw badRequest(`The string '${raw}' is not a valid enumeration type constant.`);
    return raw;
  }
  switch (type) {
    case "string":
      if (typeof raw !== "string") throw cannotConvert();
      return raw;
    case "int":
    case "int64":
      if (typeof raw !== "number" || !Number.isInteger(raw) || (type === "int" && Math.abs(raw) > INT32_MAX)) throw cannotConvert();
      return raw;
    case "decimal":
      if (typeof raw !== "number" || !Number.isFinite(raw)) throw cannotConvert();
      return raw;
    case "datetime": {
      const ms = typeof raw === "string" ? parseDateTimeOffset(raw) : undefined;
      if (ms === undefined) throw badRequest(`Cannot convert the literal '${String(raw)}' to the expected type 'Edm.DateTimeOffset'.`);
      return formatDateTime(ms);
    }
  }
}

/** Parses and type-checks the body; returns the writable fields that were sent. */
export function readPayload(def: EntitySetDef, text: string): Fields {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON: an unexpected token was found while reading the payload.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest("An unexpected payload kind was found: the request body must be a JSON object (an entity).");
  }
  const fields: Fields = {};
  for (const [name, raw] of Object.entries(body)) {
    if (name === "@odata.type") {
      if (raw !== `#${qualifiedTypeName(def)}`) throw badRequest(`A type named '${String(raw)}' could not be resolved by the model for the entity set '${def.name}'.`);
      continue;
    }
    if (name.endsWith("@odata.bind")) throw notSimulated(`entity binding ('${name}')`);
    if (name.startsWith("@") || name.includes("@odata.")) continue; // other instance annotations (etag, context) are ignored
    const type = def.fields[name];
    if (!type) {
      if (def.navigations[name]) throw notSimulated(`deep insert of '${name}' (the fact sheet assumes F&O refuses it, section 7)`);
      throw badRequest(`The property '${name}' does not exist on type '${qualifiedTypeName(def)}'. Make sure to only use property names that are defined by the type.`);
    }
    const value = convert(name, type, raw);
    if (def.readOnly.includes(name)) {
      if (READ_ONLY_FIELDS_IGNORED) continue;
      throw badRequest(`The property '${name}' of '${qualifiedTypeName(def)}' is read-only.`);
    }
    fields[name] = value;
  }
  return fields;
}
