// Dynamics 365 F&O behind the ErpAdapter. The OData client arrives with the Dynamics issue; until
// then every flow call reports that plainly instead of pretending.
import type { DynamicsSettings } from "../../connections/schemas";
import { ConnectorError } from "../../lib/errors";
import type { TenantGateClient } from "../../tenant-gate/client";
import type { ChangedPage, ConnectionCheck, ErpAdapter, ErpInvoice, ErpOrder, ErpShipment, SalesOrderDraft } from "../adapter";

const NOT_YET = "Dynamics 365 F&O is not implemented for this system yet";

export class DynamicsAdapter implements ErpAdapter {
  readonly kind = "dynamics" as const;

  constructor(
    readonly gate: TenantGateClient,
    readonly settings: DynamicsSettings,
  ) {}

  async createSalesOrder(_draft: SalesOrderDraft): Promise<ErpOrder> {
    throw new ConnectorError("config", NOT_YET, { system: "dynamics" });
  }

  async findSalesOrder(): Promise<ErpOrder | undefined> {
    throw new ConnectorError("config", NOT_YET, { system: "dynamics" });
  }

  async listChangedShipments(): Promise<ChangedPage<ErpShipment>> {
    throw new ConnectorError("config", NOT_YET, { system: "dynamics" });
  }

  async getShipment(): Promise<ErpShipment | undefined> {
    throw new ConnectorError("config", NOT_YET, { system: "dynamics" });
  }

  async listChangedInvoices(): Promise<ChangedPage<ErpInvoice>> {
    throw new ConnectorError("config", NOT_YET, { system: "dynamics" });
  }

  async getInvoice(): Promise<ErpInvoice | undefined> {
    throw new ConnectorError("config", NOT_YET, { system: "dynamics" });
  }

  async testConnection(): Promise<ConnectionCheck[]> {
    return [{ name: "read", ok: false, message: `${NOT_YET}: the token check above is real, the OData read is not` }];
  }
}
