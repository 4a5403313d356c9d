// Every F&O behaviour the simulator has to guess, in one place. The fact sheet
// (shared/reference/dynamics-365-fo.md) marks these "inferred" or "unknown", or says nothing;
// change them here when a real environment shows the real thing, and nowhere else.

/**
 * Status of a failed write (AxODataWriteException, "Write failed for table row of type …"). A
 * public capture of a real $batch answer shows `HTTP/1.1 500 Internal Server Error` for it, so the
 * sandbox answers 500 for business-rule failures too: a connector must read the body (innererror
 * type) before treating a 500 as retryable.
 */
export const WRITE_FAILED_STATUS = 500;

/** The OData-layer exception type named in innererror for malformed requests (ODataLib). */
export const ODATA_EXCEPTION_TYPE = "Microsoft.OData.ODataException";
export const WRITE_EXCEPTION_TYPE = "Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException";

/** A short stack trace like the ones F&O puts in innererror.stacktrace. */
export const WRITE_STACKTRACE =
  "   at Microsoft.Dynamics.Platform.Integration.Services.OData.Update.UpdateProcessor.CreateEntity_Save(ChangeOperationContext context, ChangeInfo changeInfo)\r\n   at Microsoft.Dynamics.Platform.Integration.Services.OData.Update.UpdateManager.SaveChanges()";
export const ODATA_STACKTRACE = "   at Microsoft.OData.UriParser.ODataUriParser.ParseFilter()";

/**
 * 401 body. A public capture from an F&O environment shows the ASP.NET Web API shape
 * `{"Message":"Authentication failed.","StackTrace":null,"ExceptionType":"System.InvalidOperationException"}`
 * (microsoft/Dynamics-AX-Integration issue #49); used for every rejected bearer token.
 */
export const AUTHENTICATION_FAILED_BODY = { Message: "Authentication failed.", StackTrace: null, ExceptionType: "System.InvalidOperationException" };

/** 429 body text: the resource-based message the fact sheet quotes (section 5, D1); the body shape (OData error) is a guess. */
export const THROTTLED_MESSAGE = "This request could not be processed at this time due to system experiencing high resource utilization.";

/** A key-addressed record or an entity set that does not exist: 404 with this message (text is a guess). */
export const notFoundMessage = (what: string) => `No HTTP resource was found that matches the request URI '${what}'.`;

/** Enum type of SalesOrderHeadersV2.SalesOrderProcessingStatus (confirmed: checked-facts 4a, not DocumentStatus). */
export const PROCESSING_STATUS_ENUM = "SalesOrderProcessingStatus";

/**
 * Document numbers. F&O number sequences are per legal entity and per tenant configuration
 * (the sheet shows "001874", "CIV-000913", "PS-002231", "ARI-004417"); these formats are the
 * sandbox's. InventoryLotId's format is illustrative in the sheet (section 9c).
 */
export const NUMBERING = {
  salesOrder: (n: number) => `SO-${String(n).padStart(6, "0")}`,
  inventoryLot: (n: number, company: string) => `${String(n).padStart(6, "0")}${company.toUpperCase()}`,
  confirmation: (salesOrder: string, n: number) => `${salesOrder}-${n}`,
  packingSlip: (n: number) => `PS-${String(n).padStart(6, "0")}`,
  invoice: (n: number) => `CIV-${String(n).padStart(6, "0")}`,
  invoiceVoucher: (n: number) => `ARI-${String(n).padStart(6, "0")}`,
} as const;

/** RecId-like int64 values (SourceDocumentHeader, SourceKey, …) start here, as real RecIds do. */
export const FIRST_REC_ID = 5637144576;

/**
 * Business events. Only "invoice posted" is confirmed (sheet section 6: class
 * SalesInvoicePostedBusinessEvent; that the id equals the class name is inferred). The ids and
 * document fields of "sales order confirmed" and "packing slip posted" are guesses: the sheet says
 * they are unknown and must be read from BusinessEventsCatalogs.
 */
export const BUSINESS_EVENT_IDS = {
  invoicePosted: "SalesInvoicePostedBusinessEvent",
  orderConfirmed: "SalesOrderConfirmedBusinessEvent",
  packingSlipPosted: "SalesPackingSlipPostedBusinessEvent",
} as const;

/** Payment terms of invoices (due date = invoice date + this many days). */
export const INVOICE_DUE_DAYS = 30;

/**
 * Line navigation names on SalesInvoiceHeadersV2 (published $metadata): SalesInvoiceLinesV2 targets
 * SalesInvoiceV2Lines and SalesInvoiceLinesV3 targets SalesInvoiceV3Lines, two sets with the same
 * keys and fields; the sandbox writes each invoice line to both.
 */
export const INVOICE_LINE_NAVIGATIONS = ["SalesInvoiceLinesV2", "SalesInvoiceLinesV3"] as const;

/** Key of CustInvoiceTransBiEntities (confirmed: checked-facts 2a, [FO-MD]); not SourceKey. */
export const INVOICE_TRANS_BI_KEYS = ["dataAreaId", "InvoiceId", "InvoiceDate", "LineCreationSequenceNumber"] as const;

/**
 * Writes without dataAreaId land in the service user's default company (common F&O behaviour;
 * the sheet only says "put dataAreaId in the POST body", section 2).
 */
export const MISSING_DATA_AREA_USES_DEFAULT_COMPANY = true;

/** PATCH/DELETE by key in a non-default company need cross-company=true (sheet section 2, inferred). */
export const KEYED_WRITES_NEED_CROSS_COMPANY = true;

/** String comparisons in $filter and key lookups ignore case (SQL Server collation; inferred). */
export const CASE_INSENSITIVE_STRINGS = true;

/**
 * Sandbox-only strictness (the real service is probably more lenient):
 * - a sales line without OrderedSalesQuantity is refused (F&O may default it);
 * - a sales line whose SalesUnitSymbol differs from the product's sales unit is refused (F&O
 *   accepts any unit with a conversion);
 * - string functions (contains, startswith…) in $filter are refused: the sheet documents only the
 *   `eq '*x*'` wildcard (section 2);
 * - $batch: every line ends in CRLF, each operation part carries Content-Type: application/http
 *   and Content-Transfer-Encoding: binary, and each part of a changeset has a Content-ID (OData 4.0
 *   part 1, 11.7); F&O's ODataLib reader may accept bare LF.
 */
export const SANDBOX_STRICTNESS = {
  lineQuantityRequired: true,
  lineUnitMustMatchProduct: true,
  stringFunctionsRefused: true,
  batchCrlfOnly: true,
} as const;

/**
 * Read-only fields (status, totals, generated ids) sent in a POST or PATCH body are ignored, not
 * refused (unknown: F&O may refuse some).
 */
export const READ_ONLY_FIELDS_IGNORED = true;

/**
 * `$n` references inside a changeset are replaced by the Location of the n-th operation's answer
 * (ASP.NET Web API OData batch behaviour). POST to the header's `SalesOrderLines` navigation
 * (`POST $1/SalesOrderLines`) is **refused by default**: the navigation is in F&O's $metadata, but
 * nothing public shows F&O accepting a POST on it (issue 13; Microsoft's changeset sample posts lines
 * flat to SalesOrderLines with a caller-supplied SalesOrderNumber). An environment's
 * `navigationPosts` switch accepts it, so both paths stay tested. The refusal's status and text are
 * guesses (ODataLib's "no routing convention" answer).
 */
export const NAVIGATION_POST_SUPPORTED = false;
export const NAVIGATION_POST_REFUSED = { status: 501, message: (url: string) => `No routing convention was found to select an action for the OData path with template '~/entityset/key/navigation' (${url}).` } as const;

/**
 * A SalesOrderNumber in a header POST is accepted only when the sales order number sequence allows
 * manual numbers (F&O number sequences: "Manual" on the sequence; the default numbering is
 * automatic, so the sandbox refuses by default; the `manualOrderNumbers` switch allows). The Infolog
 * text is a guess.
 */
export const MANUAL_ORDER_NUMBERS_ALLOWED = false;

/** Infolog texts of the failed writes the sandbox produces (the real wording varies by build). */
export const INFOLOG = {
  notInRelatedTable: (value: string, fieldLabel: string, table: string) => `Warning: The value '${value}' in field '${fieldLabel}' is not found in the related table '${table}'.`,
  validateFieldFailed: (entity: string, field: string) => `Warning: validateField failed on field '${entity}.${field}'.`,
  mustBeFilledIn: (fieldLabel: string) => `Error: Field '${fieldLabel}' must be filled in.`,
  alreadyExists: (table: string, label: string, key: string) => `Info: Cannot create a record in ${table}. ${label}: ${key}.\nThe record already exists.`,
  companyDoesNotExist: (company: string) => `Error: Company '${company}' does not exist.`,
  manualNumberNotAllowed: (number: string) => `Error: The number sequence for sales orders does not allow manual numbers; '${number}' cannot be used.`,
  unitConversionMissing: (from: string, to: string, item: string) => `Error: Unit conversion from '${from}' to '${to}' for item '${item}' does not exist.`,
} as const;
