// Expected RSX failures as values: a document or a builder input that cannot be used carries the reasons,
// in words an operator can act on. Bugs in this module throw instead.
import { err, type Err, type Result } from "../lib/result";

export interface RsxInvalid {
  kind: "invalid";
  reasons: string[];
}

export type RsxResult<T> = Result<T, RsxInvalid>;

export function invalid(reasons: string | readonly string[]): Err<RsxInvalid> {
  return err({ kind: "invalid", reasons: typeof reasons === "string" ? [reasons] : [...reasons] });
}
