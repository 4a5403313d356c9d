// $filter as F&O accepts it (dynamics-365-fo.md section 2): eq ne gt ge lt le, and or not,
// parentheses; string literals with the `'*x*'` wildcard inside eq/ne for "contains"; numbers;
// unquoted DateTimeOffset literals; enum literals Microsoft.Dynamics.DataEntities.<Type>'<Symbol>'
// with only eq/ne allowed on enums. Arithmetic operators are valid OData but not simulated (501);
// string functions are refused (sandbox strictness, see unconfirmed.ts).
import { isEnumType } from "./enums";
import { edmTypeName, qualifiedTypeName, type EntitySetDef, type FieldType } from "./entity-sets";
import { literalTypeName, literalToValue, tokenize, type Literal, type Token } from "./odata-literals";
import { badRequest, notSimulated } from "./odata-results";
import type { Row } from "./store";
import { SANDBOX_STRICTNESS } from "./unconfirmed";
import { comparable, parseDateTimeOffset, type Value } from "./values";

type ComparisonOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
const COMPARISONS: readonly string[] = ["eq", "ne", "gt", "ge", "lt", "le"];
const ARITHMETIC: readonly string[] = ["add", "sub", "mul", "div", "mod"];
const OPERATOR_KIND: Record<ComparisonOp, string> = {
  eq: "Equal",
  ne: "NotEqual",
  gt: "GreaterThan",
  ge: "GreaterThanOrEqual",
  lt: "LessThan",
  le: "LessThanOrEqual",
};

type Operand = { kind: "field"; name: string; type: FieldType } | { kind: "literal"; literal: Literal; value: Value | null };

type Expr =
  | { kind: "and" | "or"; left: Expr; right: Expr }
  | { kind: "not"; expr: Expr }
  | { kind: "cmp"; op: ComparisonOp; left: Operand; right: Operand; wildcard?: RegExp };

class FilterParser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly def: EntitySetDef,
    private readonly text: string,
  ) {}

  parse(): Expr {
    const expr = this.parseOr();
    const extra = this.tokens[this.pos];
    if (extra) throw badRequest(`Syntax error at position ${extra.at} in '${this.text}'.`);
    return expr;
  }

  private keyword(word: string): boolean {
    const token = this.tokens[this.pos];
    return token?.t === "ident" && token.v === word;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.keyword("or")) {
      this.pos++;
      left = { kind: "or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseUnary();
    while (this.keyword("and")) {
      this.pos++;
      left = { kind: "and", left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): Expr {
    if (this.keyword("not")) {
      this.pos++;
      return { kind: "not", expr: this.parseUnary() };
    }
    if (this.tokens[this.pos]?.t === "(") {
      this.pos++;
      const inner = this.parseOr();
      if (this.tokens[this.pos]?.t !== ")") throw badRequest(`')' or operator expected at position ${this.tokens[this.pos]?.at ?? this.text.length} in '${this.text}'.`);
      this.pos++;
      return inner;
    }
    const left = this.parseOperand();
    const opToken = this.tokens[this.pos];
    if (opToken?.t === "ident" && ARITHMETIC.includes(opToken.v)) throw notSimulated(`the arithmetic operator '${opToken.v}' in $filter`);
    if (opToken?.t !== "ident" || !COMPARISONS.includes(opToken.v)) {
      throw badRequest(`Syntax error: a comparison operator (eq, ne, gt, ge, lt, le) was expected at position ${opToken?.at ?? this.text.length} in '${this.text}'.`);
    }
    this.pos++;
    const right = this.parseOperand();
    return this.comparison(opToken.v as ComparisonOp, left, right);
  }

  private parseOperand(): Operand {
    const token = this.tokens[this.pos++];
    if (!token) throw badRequest(`Expression expected at position ${this.text.length} in '${this.text}'.`);
    if (token.t === "literal") return { kind: "literal", literal: token.v, value: null };
    if (token.t !== "ident") throw badRequest(`Syntax error at position ${token.at} in '${this.text}'.`);
    if (this.tokens[this.pos]?.t === "(") {
      if (!SANDBOX_STRICTNESS.stringFunctionsRefused) throw notSimulated(`the function '${token.v}' in $filter`);
      throw badRequest(
        `sandbox: the function '${token.v}' is refused: F&O documents no string functions in $filter; write "contains" as Field eq '*text*' (dynamics-365-fo.md section 2).`,
      );
    }
    const type = this.def.fields[token.v];
    if (!type) throw badRequest(`Could not find a property named '${token.v}' on type '${qualifiedTypeName(this.def)}'.`);
    return { kind: "field", name: token.v, type };
  }

  private comparison(op: ComparisonOp, left: Operand, right: Operand): Expr {
    const incompatible = (a: string, b: string) =>
      badRequest(`A binary operator with incompatible types was detected. Found operand types '${a}' and '${b}' for operator kind '${OPERATOR_KIND[op]}'.`);
    const typeOf = (o: Operand) => (o.kind === "field" ? edmTypeName(o.type) : literalTypeName(o.literal));
    const field = left.kind === "field" ? left : right.kind === "field" ? right : undefined;
    if (!field) throw badRequest(`sandbox: a comparison in $filter must involve a property (got '${typeOf(left)}' ${op} '${typeOf(right)}').`);
    const other = field === left ? right : left;
    if (other.kind === "field") {
      if (other.type !== field.type) throw incompatible(typeOf(left), typeOf(right));
      if (isEnumType(field.type) && op !== "eq" && op !== "ne") throw enumOperatorRefused(op, field.type);
      return { kind: "cmp", op, left, right };
    }
    if (isEnumType(field.type) && op !== "eq" && op !== "ne") throw enumOperatorRefused(op, field.type);
    if (other.literal.type === "null") {
      if (op !== "eq" && op !== "ne") throw incompatible(typeOf(left), typeOf(right));
      return { kind: "cmp", op, left, right };
    }
    let value: Value;
    try {
      value = literalToValue(other.literal, field.type, field.name, "$filter");
    } catch {
      throw incompatible(typeOf(left), typeOf(right));
    }
    const resolved: Operand = { kind: "literal", literal: other.literal, value };
    const expr: Expr = field === left ? { kind: "cmp", op, left, right: resolved } : { kind: "cmp", op, left: resolved, right };
    if (field.type === "string" && typeof value === "string" && value.includes("*") && (op === "eq" || op === "ne")) {
      // Section 2: "contains" is a wildcard inside eq, e.g. Name eq '*retail*'.
      const pattern = value.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
      expr.wildcard = new RegExp(`^${pattern}$`, "is");
    }
    return expr;
  }
}

function enumOperatorRefused(op: ComparisonOp, type: FieldType) {
  // Section 2 (confirmed, D4): only eq and ne work on enums. The wording is the sandbox's.
  return badRequest(`The operator '${OPERATOR_KIND[op]}' is not supported for operands of enum type 'Microsoft.Dynamics.DataEntities.${type}'; only eq and ne can be used with enums.`);
}

type Comparable = string | number | null;

function operandValue(operand: Operand, row: Row): Comparable {
  if (operand.kind === "literal") return operand.value === null ? null : toComparable(operand.value, operand.literal.type === "datetime" ? "datetime" : undefined);
  return toComparable(row.fields[operand.name] ?? null, operand.type);
}

function toComparable(value: Value | null, type: FieldType | undefined): Comparable {
  if (value === null) return null;
  if (type === "datetime") return parseDateTimeOffset(String(value)) ?? null;
  return comparable(value);
}

function compare(op: ComparisonOp, a: Comparable, b: Comparable): boolean {
  if (a === null || b === null) return op === "ne" ? a !== b : op === "eq" ? a === b : false;
  switch (op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
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

function evaluate(expr: Expr, row: Row): boolean {
  switch (expr.kind) {
    case "and":
      return evaluate(expr.left, row) && evaluate(expr.right, row);
    case "or":
      return evaluate(expr.left, row) || evaluate(expr.right, row);
    case "not":
      return !evaluate(expr.expr, row);
    case "cmp": {
      if (expr.wildcard) {
        const field = expr.left.kind === "field" ? expr.left : expr.right;
        const matches = expr.wildcard.test(String(row.fields[(field as { name: string }).name] ?? ""));
        return expr.op === "eq" ? matches : !matches;
      }
      return compare(expr.op, operandValue(expr.left, row), operandValue(expr.right, row));
    }
  }
}

export type RowPredicate = (row: Row) => boolean;

/** Parses and type-checks a $filter against the entity set; throws an ODataFailure (400/501). */
export function parseFilter(text: string, def: EntitySetDef): RowPredicate {
  const tokens = tokenize(text, "$filter");
  if (tokens.length === 0) throw badRequest("The $filter query option is empty.");
  const expr = new FilterParser(tokens, def, text).parse();
  return (row) => evaluate(expr, row);
}
