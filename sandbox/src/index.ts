// The sandbox Worker: simulators of SPS Commerce, Acumatica, Microsoft Entra ID and Dynamics 365 F&O that
// answer every outbound fetch in tests and run on their own under `npm start`. See ../README.md.
import { routeRequest } from "./router";

export default {
  fetch: (request: Request) => routeRequest(request),
} satisfies ExportedHandler;
