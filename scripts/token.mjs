// `npm run token -- --role operator` or `npm run token -- --tenant acme [--ttl 12h]`: prints an API
// token signed with the API_SIGNING_KEY of the local .dev.vars (or of $API_SIGNING_KEY).
import { SignJWT } from "jose";
import { parseArgs } from "node:util";
import { readDevVars } from "./dev-vars.mjs";

const { values } = parseArgs({
  options: {
    role: { type: "string" },
    tenant: { type: "string" },
    ttl: { type: "string", default: "12h" },
    sub: { type: "string", default: "local-cli" },
  },
});

const key = process.env.API_SIGNING_KEY ?? readDevVars()?.API_SIGNING_KEY;
if (!key) {
  console.error("No API_SIGNING_KEY: run `npm start` once (it creates .dev.vars) or set API_SIGNING_KEY.");
  process.exit(2);
}
const role = values.role ?? (values.tenant ? "tenant" : undefined);
if (role !== "operator" && role !== "tenant") {
  console.error("Usage: npm run token -- --role operator | --tenant <id> [--ttl 12h]");
  process.exit(2);
}
if (role === "tenant" && !values.tenant) {
  console.error("A tenant token needs --tenant <id>");
  process.exit(2);
}
const claims = role === "tenant" ? { role, tenant: values.tenant } : { role };
const token = await new SignJWT(claims)
  .setProtectedHeader({ alg: "HS256" })
  .setSubject(values.sub)
  .setIssuedAt()
  .setExpirationTime(values.ttl)
  .sign(new TextEncoder().encode(key));
console.log(token);
