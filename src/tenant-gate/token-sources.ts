// The token source of each system, in one table (a new ERP adds one line here).
import type { ConnectionSystem } from "../connections/schemas";
import { acumaticaTokenSource } from "../erp/acumatica/auth";
import { dynamicsTokenSource } from "../erp/dynamics/auth";
import { spsTokenSource } from "../sps/auth";
import type { TokenSource } from "./token-source";

export const tokenSources: { [S in ConnectionSystem]: TokenSource<S> } = {
  sps: spsTokenSource,
  acumatica: acumaticaTokenSource,
  dynamics: dynamicsTokenSource,
};
