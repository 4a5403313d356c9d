// Placeholder until the outbound mapping lands (replaced by the outbound work).
import { ConnectorError } from "../../lib/errors";
import type { ChangedPage, ErpInvoice, ErpShipment, OutboundSource } from "../adapter";
import type { AcumaticaClient } from "./client";

export class AcumaticaOutboundSource implements OutboundSource {
  constructor(readonly client: AcumaticaClient) {}
  async listChangedShipments(_since: string, _page: { top: number; skip: number }): Promise<ChangedPage<ErpShipment>> {
    throw new ConnectorError("config", "not implemented yet");
  }
  async getShipment(_nbr: string): Promise<ErpShipment | undefined> {
    throw new ConnectorError("config", "not implemented yet");
  }
  async listChangedInvoices(_since: string, _page: { top: number; skip: number }): Promise<ChangedPage<ErpInvoice>> {
    throw new ConnectorError("config", "not implemented yet");
  }
  async getInvoice(_nbr: string, _type?: string): Promise<ErpInvoice | undefined> {
    throw new ConnectorError("config", "not implemented yet");
  }
}
