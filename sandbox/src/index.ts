// The sandbox Worker: simulators of SPS Commerce and Acumatica (Dynamics 365 / Entra reserved) that
// answer every outbound fetch in tests and run on their own under `npm start`. See ../README.md.
import { routeRequest } from "./router";

export default {
  fetch: (request: Request) => routeRequest(request),
} satisfies ExportedHandler;
