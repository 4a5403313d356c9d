// The $filter language of the contract-based API (acumatica.md section 3): OData-v3-style
// comparisons (eq ne gt ge lt le), and/or/not, parentheses, string literals '...' ('' escapes a
// quote), numbers, true/false/null, typed literals datetimeoffset'…' / datetime'…' / guid'…', and
// the functions startswith, endswith, substringof. Only top-level fields of the entity can be
// filtered; detail paths (Details/OrderNbr) are refused (section 3: "unknown/likely unsupported").
// A field the entity does not have, a type mismatch or a malformed literal → error (400).
import type { FieldType, ObjectDef } from "./entities";
import { parseDateTime, type StoredRecord } from "./records";
import { CASE_INSENSITIVE_STRINGS } from "./unconfirmed";

type LiteralType = "string" | "number" | "boolean" | "null" | "datetime" | "guid";

type Operand = { kind: "field"; name: string; type: FieldType } | { kind: "literal"; type: LiteralType; value: string | number | boolean | null };

type Expr =
  | { kind: "and" | "or"; left: Expr; right: Expr }
  | { kind: "not"; expr: Expr }
  | { kind: "cmp"; op: ComparisonOp; left: Operand; right: Operand }
  | { kind: "func"; name: "startswith" | "endswith" | "substringof"; field: string; text: string };

type ComparisonOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
const COMPARISONS: readonly string[] = ["eq", "ne", "gt", "ge", "lt", "le"];

type Token =
  | { t: "ident"; v: string }
  | { t: "string"; v: string }
  | { t: "number"; v: number }
  | { t: "typed"; kind: "datetimeoffset" | "datetime" | "guid"; v: string }
  | { t: "(" }
  | { t: ")" }
  | { t: "," };

export class FilterError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readQuoted = (): string => {
    // text[i] is the opening quote.
    let value = "";
    i++;
    for (;;) {
      if (i >= text.length) throw new FilterError("Unterminated string literal in $filter");
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
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ t: ch });
      i++;
    } else if (ch === "'") {
      tokens.push({ t: "string", v: readQuoted() });
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_/]*/.exec(text.slice(i))!;
      i += match[0].length;
      const lower = match[0].toLowerCase();
      if (text[i] === "'" && (lower === "datetimeoffset" || lower === "datetime" || lower === "guid")) {
        tokens.push({ t: "typed", kind: lower, v: readQuoted() });
      } else {
        tokens.push({ t: "ident", v: match[0] });
      }
    } else if (/[-0-9]/.test(ch)) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?/.exec(text.slice(i));
      if (!match) throw new FilterError(`Unexpected character '${ch}' at position ${i} in $filter`);
      i += match[0].length;
      tokens.push({ t: "number", v: Number(match[0].replace(/[mMdDfFlL]$/, "")) });
    } else {
      throw new FilterError(`Unexpected character '${ch}' at position ${i} in $filter`);
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly def: ObjectDef,
  ) {}

  parse(): Expr {
    const expr = this.parseOr();
    if (this.pos < this.tokens.length) throw new FilterError("Unexpected tokens after the end of the $filter expression");
    return expr;
  }

  private peekKeyword(word: string): boolean {
    const token = this.tokens[this.pos];
    return token?.t === "ident" && token.v.toLowerCase() === word;
  }

  private expect(t: "(" | ")" | ","): void {
    if (this.tokens[this.pos]?.t !== t) throw new FilterError(`Expected '${t}' in $filter`);
    this.pos++;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.peekKeyword("or")) {
      this.pos++;
      left = { kind: "or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseUnary();
    while (this.peekKeyword("and")) {
      this.pos++;
      left = { kind: "and", left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): Expr {
    if (this.peekKeyword("not")) {
      this.pos++;
      return { kind: "not", expr: this.parseUnary() };
    }
    if (this.tokens[this.pos]?.t === "(") {
      this.pos++;
      const inner = this.parseOr();
      this.expect(")");
      return inner;
    }
    const token = this.tokens[this.pos];
    if (token?.t === "ident" && this.tokens[this.pos + 1]?.t === "(") return this.parseFunction(token.v);
    const left = this.parseOperand();
    const opToken = this.tokens[this.pos];
    if (opToken?.t !== "ident" || !COMPARISONS.includes(opToken.v.toLowerCase())) {
      throw new FilterError("Expected a comparison operator (eq, ne, gt, ge, lt, le) in $filter");
    }
    this.pos++;
    const right = this.parseOperand();
    const op = opToken.v.toLowerCase() as ComparisonOp;
    checkComparison(op, left, right);
    return { kind: "cmp", op, left, right };
  }

  private parseFunction(name: string): Expr {
    const lower = name.toLowerCase();
    if (lower !== "startswith" && lower !== "endswith" && lower !== "substringof") {
      throw new FilterError(`The function '${name}' is not supported in $filter`);
    }
    this.pos += 2; // name and "("
    const first = this.parseOperand();
    this.expect(",");
    const second = this.parseOperand();
    this.expect(")");
    const [field, text] = lower === "substringof" ? [second, first] : [first, second];
    if (field.kind !== "field" || field.type !== "string" || text.kind !== "literal" || text.type !== "string") {
      throw new FilterError(`${name} expects a string field and a string literal`);
    }
    return { kind: "func", name: lower, field: field.name, text: String(text.value) };
  }

  private parseOperand(): Operand {
    const token = this.tokens[this.pos++];
    if (!token) throw new FilterError("Unexpected end of $filter");
    switch (token.t) {
      case "string":
        return { kind: "literal", type: "string", value: token.v };
      case "number":
        return { kind: "literal", type: "number", value: token.v };
      case "typed":
        return typedLiteral(token.kind, token.v);
      case "ident": {
        const lower = token.v.toLowerCase();
        if (lower === "true" || lower === "false") return { kind: "literal", type: "boolean", value: lower === "true" };
        if (lower === "null") return { kind: "literal", type: "null", value: null };
        if (token.v.includes("/")) {
          throw new FilterError(`Filtering on fields of detail or linked entities ('${token.v}') is not supported`);
        }
        const type = this.def.fields[token.v];
        if (!type) throw new FilterError(`The field '${token.v}' is not found in the entity '${this.def.name}'`);
        return { kind: "field", name: token.v, type };
      }
      default:
        throw new FilterError(`Unexpected '${token.t}' in $filter`);
    }
  }
}

function typedLiteral(kind: "datetimeoffset" | "datetime" | "guid", raw: string): Operand {
  if (kind === "guid") {
    if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(raw)) {
      throw new FilterError(`Invalid guid literal guid'${raw}'`);
    }
    return { kind: "literal", type: "guid", value: raw.toLowerCase() };
  }
  // datetimeoffset needs an offset ("Z" or ±hh:mm). A "+" sent unencoded in the URL arrives as a
  // space and fails here, as it does on the real server (section 3 and gotcha 9: encode it as %2B).
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(raw);
  const ms = parseDateTime(raw);
  if (ms === undefined || (kind === "datetimeoffset" && !hasOffset)) {
    throw new FilterError(`Invalid ${kind} literal ${kind}'${raw}'`);
  }
  return { kind: "literal", type: "datetime", value: ms };
}

const COMPATIBLE: Record<FieldType, LiteralType[]> = {
  string: ["string", "null"],
  decimal: ["number", "null"],
  int: ["number", "null"],
  boolean: ["boolean", "null"],
  datetime: ["datetime", "null"],
  guid: ["guid", "string", "null"],
};

function checkComparison(op: ComparisonOp, left: Operand, right: Operand): void {
  const field = left.kind === "field" ? left : right.kind === "field" ? right : undefined;
  const other = field === left ? right : left;
  if (!field) throw new FilterError("A comparison in $filter must involve a field");
  if (other.kind === "field") {
    if (other.type !== field.type) throw new FilterError(`Cannot compare ${field.name} (${field.type}) with ${other.name} (${other.type})`);
    return;
  }
  if (!COMPATIBLE[field.type].includes(other.type)) {
    throw new FilterError(`Cannot compare the ${field.type} field '${field.name}' with a ${other.type} literal`);
  }
  if ((field.type === "boolean" || other.type === "null") && op !== "eq" && op !== "ne") {
    throw new FilterError(`The operator '${op}' cannot be used with ${other.type === "null" ? "null" : "a boolean field"}`);
  }
}

type Comparable = string | number | boolean | null;

function operandValue(operand: Operand, record: StoredRecord): Comparable {
  if (operand.kind === "literal") return operand.value;
  const raw = record.fields[operand.name];
  if (raw === undefined || raw === null || raw === "") return null;
  if (operand.type === "datetime") return parseDateTime(String(raw)) ?? null;
  if (operand.type === "string" || operand.type === "guid") {
    return CASE_INSENSITIVE_STRINGS ? String(raw).toLowerCase() : String(raw);
  }
  return raw;
}

function normalizeLiteral(value: Comparable): Comparable {
  return typeof value === "string" && CASE_INSENSITIVE_STRINGS ? value.toLowerCase() : value;
}

function compare(op: ComparisonOp, a: Comparable, b: Comparable): boolean {
  if (op === "eq") return a === b;
  if (op === "ne") return a !== b;
  if (a === null || b === null) return false;
  switch (op) {
    case "gt":
      return a > b;
    case "ge":
      return a >= b;
    case "lt":
      return a < b;
    case "le":
      return a <= b;
  }
}

function evaluate(expr: Expr, record: StoredRecord): boolean {
  switch (expr.kind) {
    case "and":
      return evaluate(expr.left, record) && evaluate(expr.right, record);
    case "or":
      return evaluate(expr.left, record) || evaluate(expr.right, record);
    case "not":
      return !evaluate(expr.expr, record);
    case "cmp":
      return compare(
        expr.op,
        normalizeLiteral(operandValue(expr.left, record)),
        normalizeLiteral(operandValue(expr.right, record)),
      );
    case "func": {
      const value = String(record.fields[expr.field] ?? "");
      const [haystack, needle] = CASE_INSENSITIVE_STRINGS ? [value.toLowerCase(), expr.text.toLowerCase()] : [value, expr.text];
      if (expr.name === "startswith") return haystack.startsWith(needle);
      if (expr.name === "endswith") return haystack.endsWith(needle);
      return haystack.includes(needle);
    }
  }
}

export type RecordPredicate = (record: StoredRecord) => boolean;

/** Parses and type-checks a $filter against the entity; throws FilterError (→ 400). */
export function parseFilter(text: string, def: ObjectDef): RecordPredicate {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new FilterError("$filter is empty");
  const expr = new Parser(tokens, def).parse();
  return (record) => evaluate(expr, record);
}
