// RSX addresses to the ERP-neutral PostalAddress. RSX documents often carry 3-letter country codes
// ("USA" in SPS's samples) where the ERPs key countries by ISO 3166-1 alpha-2 (acumatica.md §9).
import type { PostalAddress } from "../erp/adapter";
import type { Address, Contact } from "../rsx/common-groups";

const ALPHA3_TO_ALPHA2: Record<string, string> = {
  USA: "US", CAN: "CA", MEX: "MX", GBR: "GB", IRL: "IE", AUS: "AU", NZL: "NZ", DEU: "DE", FRA: "FR",
  ESP: "ES", ITA: "IT", NLD: "NL", BEL: "BE", CHE: "CH", AUT: "AT", SWE: "SE", NOR: "NO", DNK: "DK",
  FIN: "FI", POL: "PL", PRT: "PT", CHN: "CN", JPN: "JP", KOR: "KR", IND: "IN", BRA: "BR", PRI: "PR",
};

export function countryToAlpha2(country: string | undefined): string | undefined {
  if (!country) return undefined;
  const c = country.trim().toUpperCase();
  if (c.length === 2) return c;
  return ALPHA3_TO_ALPHA2[c] ?? c;
}

export function toPostalAddress(address: Address, contact?: Contact): PostalAddress {
  return {
    name: address.addressName,
    attention: address.addressAlternateName ?? contact?.contactName,
    address1: address.address1,
    address2: [address.address2, address.address3].filter(Boolean).join(", ") || undefined,
    city: address.city,
    state: address.state,
    postalCode: address.postalCode,
    country: countryToAlpha2(address.country),
    phone: contact?.primaryPhone,
    email: contact?.primaryEmail,
  };
}
