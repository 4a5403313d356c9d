// The sandbox Worker: simulators of SPS Commerce, Acumatica, Microsoft Entra ID and Dynamics 365 F&O that
// answer every outbound fetch in tests and run on their own under `npm start`. See ../README.md.
import { setSandboxDefaults } from "./dynamics/environments";
import { routeRequest } from "./router";

interface SandboxBindings {
  /** "1": F&O environments accept POST on a header's SalesOrderLines navigation unless created otherwise (default: refused). */
  FO_NAVIGATION_POSTS?: string;
}

export default {
  fetch: (request: Request, env: SandboxBindings = {}) => {
    setSandboxDefaults({ navigationPosts: env.FO_NAVIGATION_POSTS === "1" });
    return routeRequest(request);
  },
} satisfies ExportedHandler<SandboxBindings>;
