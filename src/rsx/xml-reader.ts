// Reads RSX XML text into the plain tree with saxes (strict, streaming). Safe by construction: any DOCTYPE is
// refused, so no entity beyond the five XML built-ins and numeric references can exist (no XXE, no
// billion laughs); nesting, element count and size are bounded; malformed or truncated XML fails with
// saxes' line:column.
import { SaxesParser, type SaxesTagNS } from "saxes";
import { ok } from "../lib/result";
import { DEFAULT_MAX_ELEMENTS, tooManyElements } from "./input-text";
import { invalid, type RsxResult } from "./rsx-result";
import { REPEATABLE_ELEMENTS, RSX_NAMESPACE, type RsxObject, type RsxValue } from "./rsx-tree";

export interface XmlTree {
  /** Local name of the root element, namespace prefix removed. */
  rootName: string;
  root: RsxObject;
}

interface Frame {
  name: string;
  children: RsxObject | undefined;
  text: string;
  /** Names that turned into arrays because a non-repeatable element occurred twice. */
  duplicated: Set<string> | undefined;
}

/** Raised by our own handlers to stop the parser with an operator-facing reason. */
class RefusedXml extends Error {}

const ACCEPTED_ENCODINGS = new Set(["utf-8", "utf8", "us-ascii", "ascii"]);

export function readRsxXml(text: string, maxDepth: number, maxElements = DEFAULT_MAX_ELEMENTS): RsxResult<XmlTree> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Frame[] = [];
  let elements = 0;
  let result: XmlTree | undefined;
  const where = () => `line ${parser.line}`;

  parser.on("xmldecl", (decl) => {
    const encoding = decl.encoding?.toLowerCase();
    if (encoding !== undefined && !ACCEPTED_ENCODINGS.has(encoding)) {
      throw new RefusedXml(`The XML declares encoding "${decl.encoding}"; RSX files must be UTF-8.`);
    }
  });
  parser.on("doctype", () => {
    throw new RefusedXml(`DTDs are not accepted: the file contains a <!DOCTYPE> declaration (${where()}).`);
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    if (++elements > maxElements) throw new RefusedXml(tooManyElements("elements", maxElements));
    if (stack.length >= maxDepth) {
      throw new RefusedXml(`Elements nest deeper than ${maxDepth} levels (at <${tag.name}>, ${where()}).`);
    }
    if (tag.uri !== "" && tag.uri !== RSX_NAMESPACE) {
      throw new RefusedXml(
        `Element <${tag.name}> (${where()}) is in namespace "${tag.uri}"; RSX elements must be in ${RSX_NAMESPACE} or in no namespace.`,
      );
    }
    if (tag.local === "__proto__") throw new RefusedXml(`<${tag.name}> (${where()}) is not an RSX element.`);
    stack.push({ name: tag.local, children: undefined, text: "", duplicated: undefined });
  });
  const addText = (chunk: string) => {
    const top = stack[stack.length - 1];
    if (top !== undefined) top.text += chunk;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", () => {
    const frame = stack.pop();
    if (frame === undefined) return; // saxes has already refused an unmatched close tag
    // An element with children is a group; its whitespace (and any stray text) is layout, not data.
    const value: RsxValue = frame.children ?? frame.text.trim();
    const parent = stack[stack.length - 1];
    if (parent === undefined) {
      result = { rootName: frame.name, root: typeof value === "string" ? {} : value };
      return;
    }
    attach(parent, frame.name, value);
  });

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof RefusedXml) return invalid(error.message);
    // saxes reports well-formedness errors as plain Errors whose message starts with "line:column: ".
    if (error instanceof Error && error.constructor === Error) {
      return invalid(`The XML is not well-formed: ${describeSaxesError(error.message)}`);
    }
    throw error;
  }
  if (result === undefined) return invalid("The XML has no root element.");
  return ok(result);
}

function attach(parent: Frame, name: string, value: RsxValue): void {
  const children = (parent.children ??= {});
  const existing = children[name];
  if (existing === undefined) {
    children[name] = REPEATABLE_ELEMENTS.has(name) ? [value] : value;
  } else if (REPEATABLE_ELEMENTS.has(name) || parent.duplicated?.has(name)) {
    (existing as RsxValue[]).push(value);
  } else {
    // A non-repeatable element twice: keep both so the typed layer can name the duplicate.
    children[name] = [existing, value];
    (parent.duplicated ??= new Set()).add(name);
  }
}

function describeSaxesError(message: string): string {
  const match = /^(\d+):(\d+): (.*)$/s.exec(message);
  return match ? `line ${match[1]}, column ${match[2]}: ${match[3]}` : message;
}
