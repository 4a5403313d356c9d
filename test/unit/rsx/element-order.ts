// Test helper: the element names directly under the first element at a path, in document order, read with
// saxes (so the assertion sees the XML exactly as written, not through our reader).
import { SaxesParser } from "saxes";

export function childNames(xml: string, path: readonly string[]): string[] {
  const parser = new SaxesParser();
  const stack: string[] = [];
  const names: string[] = [];
  let done = false;
  let inside = false;
  parser.on("opentag", (tag) => {
    stack.push(tag.name);
    if (done) return;
    if (inside && stack.length === path.length + 1) names.push(tag.name);
    if (!inside && stack.length === path.length && stack.every((n, i) => n === path[i])) inside = true;
  });
  parser.on("closetag", () => {
    if (inside && stack.length === path.length) {
      inside = false;
      done = true;
    }
    stack.pop();
  });
  parser.write(xml).close();
  if (!done) throw new Error(`no element at ${path.join("/")}`);
  return names;
}

/** Repeated siblings collapsed, to compare with a list of distinct names. */
export function distinct(names: readonly string[]): string[] {
  return names.filter((n, i) => n !== names[i - 1]);
}
