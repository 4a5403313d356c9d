// Tokens and literals of F&O's OData v4 URL syntax, shared by $filter and key predicates:
// 'string' ('' escapes a quote), numbers, unquoted DateTimeOffset values (2026-01-01T00:00:00Z;
// section 4), Edm.Date values (2026-01-01), enum literals
// Microsoft.Dynamics.DataEntities.<Type>'<Symbol>' (section 2), null, true, false.
import { ENUM_NAMESPACE, enumSymbols, isEnumType } from "./enums";
import { edmTypeName, type FieldType } from "./entity-sets";
import { badRequest } from "./odata-results";
import { formatDateTime, parseDateTimeOffset, type Value } from "./values";

export type Literal =
  | { type: "string"; value: string }
  | { type: "number"; value: number; integer: boolean }
  | { type: "datetime"; value: string; ms: number }
  | { type: "date"; value: string }
  | { type: "enum"; enumType: string; symbol: string }
  | { type: "boolean"; value: boolean }
  | { type: "null" };

export type Token = { t: "ident"; v: string; at: number } | { t: "literal"; v: Literal; at: number } | { t: "(" | ")" | "," | "="; at: number };

const DATETIME_START = /^\d{4}-\d{2}-\d{2}T[0-9:.]*(Z|[+-]\d{2}:\d{2})?/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}(?![0-9T])/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?/;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_.$]*/;

export function literalTypeName(literal: Literal): string {
  switch (literal.type) {
    case "string":
      return "Edm.String";
    case "number":
      return literal.integer ? "Edm.Int32" : "Edm.Decimal";
    case "datetime":
      return "Edm.DateTimeOffset";
    case "date":
      return "Edm.Date";
    case "enum":
      return literal.enumType;
    case "boolean":
      return "Edm.Boolean";
    case "null":
      return "null";
  }
}

export function tokenize(text: string, what: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const syntaxError = (): never => {
    throw badRequest(`Syntax error at position ${i} in '${text}'.`);
  };
  const readQuoted = (): string => {
    let value = "";
    i++; // opening quote
    for (;;) {
      if (i >= text.length) throw badRequest(`There is an unterminated string literal at position ${text.length} in '${text}'.`);
      const ch = text[i]!;
      if (ch === "'") {
        if (text[i + 1] === "'") {
          value += "'";
          i += 2;
          continue;
        }
        i++;
        return value;
      }
      value += ch;
      i++;
    }
  };
  while (i < text.length) {
    const ch = text[i]!;
    const rest = text.slice(i);
    const at = i;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "(" || ch === ")" || ch === "," || ch === "=") {
      tokens.push({ t: ch, at });
      i++;
    } else if (ch === "'") {
      tokens.push({ t: "literal", v: { type: "string", value: readQuoted() }, at });
    } else if (DATETIME_START.test(rest)) {
      const raw = DATETIME_START.exec(rest)![0];
      const ms = parseDateTimeOffset(raw);
      // An unencoded "+" in the URL arrives as a space and leaves the offset out: refused, as F&O does.
      if (ms === undefined) throw badRequest(`Unrecognized 'Edm.DateTimeOffset' literal '${raw}' at '${at}' in '${text}'.`);
      tokens.push({ t: "literal", v: { type: "datetime", value: formatDateTime(ms), ms }, at });
      i += raw.length;
    } else if (DATE_ONLY.test(rest)) {
      const raw = DATE_ONLY.exec(rest)![0];
      tokens.push({ t: "literal", v: { type: "date", value: raw }, at });
      i += raw.length;
    } else if (/[-0-9]/.test(ch)) {
      const match = NUMBER.exec(rest) ?? syntaxError();
      const raw = match[0].replace(/[mMdDfFlL]$/, "");
      tokens.push({ t: "literal", v: { type: "number", value: Number(raw), integer: /^-?\d+$/.test(raw) }, at });
      i += match[0].length;
    } else if (IDENT.test(rest)) {
      const name = IDENT.exec(rest)![0];
      i += name.length;
      if (text[i] === "'") {
        // A typed literal: Namespace.EnumType'Symbol' (the only kind F&O uses; datetime'…' is OData v3).
        const symbol = readQuoted();
        if (!name.includes(".")) throw badRequest(`Unrecognized literal ${name}'${symbol}' at position ${at} in '${text}' (OData v4 writes DateTimeOffset values unquoted).`);
        tokens.push({ t: "literal", v: { type: "enum", enumType: name, symbol }, at });
      } else if (name === "null") {
        tokens.push({ t: "literal", v: { type: "null" }, at });
      } else if (name === "true" || name === "false") {
        tokens.push({ t: "literal", v: { type: "boolean", value: name === "true" }, at });
      } else {
        tokens.push({ t: "ident", v: name, at });
      }
    } else if (ch === "/") {
      throw badRequest(`sandbox: property paths ('/') in ${what} are not simulated (F&O allows first-level navigation only).`);
    } else {
      syntaxError();
    }
  }
  return tokens;
}

/** Turns a literal into a stored value of a field's type, or fails like ODataLib does. */
export function literalToValue(literal: Literal, type: FieldType, fieldName: string, context: string): Value {
  const mismatch = () =>
    badRequest(`${context}: the literal of type '${literalTypeName(literal)}' is not compatible with the property '${fieldName}' of type '${edmTypeName(type)}'.`);
  if (isEnumType(type)) {
    if (literal.type !== "enum") throw mismatch();
    if (literal.enumType !== `${ENUM_NAMESPACE}.${type}`) throw mismatch();
    if (!enumSymbols(type).includes(literal.symbol)) throw badRequest(`The string '${literal.symbol}' is not a valid enumeration type constant.`);
    return literal.symbol;
  }
  switch (type) {
    case "string":
      if (literal.type !== "string") throw mismatch();
      return literal.value;
    case "int":
    case "int64":
      if (literal.type !== "number" || !literal.integer) throw mismatch();
      return literal.value;
    case "decimal":
      if (literal.type !== "number") throw mismatch();
      return literal.value;
    case "datetime":
      if (literal.type !== "datetime") throw mismatch();
      return literal.value;
  }
}

/** Writes a value as a URL literal (for Location headers and key segments). */
export function formatLiteral(value: Value, type: FieldType): string {
  if (isEnumType(type)) return `${ENUM_NAMESPACE}.${type}'${value}'`;
  if (type === "string") return `'${String(value).replace(/'/g, "''")}'`;
  return String(value);
}
