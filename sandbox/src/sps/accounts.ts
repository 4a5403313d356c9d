// SPS accounts (one per client id, so parallel tests never share state): credentials, allowed
// audiences, token lifetime and throttle, issued tokens and the mailbox.
import { DEFAULT_TOKEN_REQUESTS_PER_MINUTE } from "./unconfirmed";
import { createMailbox, ensureDirectory, normalizeDirectory, type Mailbox } from "./mailbox";

/** sps-commerce.md 1.1: the current audience and the legacy one, both CONFIRMED in use. */
export const KNOWN_AUDIENCES = ["https://spscommerce.com", "api://api.spscommerce.com/"] as const;

/** sps-commerce.md 1.1: expires_in 3600 observed on sandbox and production apps (S6). */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

export interface SpsAccount {
  clientId: string;
  clientSecret: string;
  audiences: string[];
  tokenTtlSeconds: number;
  tokenRequestsPerMinute: number;
  /** Times (ms) of the token requests in the last minute, for the throttle. */
  tokenRequestTimes: number[];
  /** Issued access tokens → expiry (ms). A reset account starts with none. */
  tokens: Map<string, number>;
  mailbox: Mailbox;
}

export interface SpsAccountConfig {
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds?: number;
  tokenRequestsPerMinute?: number;
  folders?: string[];
  audience?: string | string[];
}

const accounts = new Map<string, SpsAccount>();

/** Creates the account, or resets it (new mailbox, all tokens invalid) when it exists. */
export function createAccount(config: SpsAccountConfig): SpsAccount {
  const mailbox = createMailbox();
  for (const folder of config.folders ?? ["in/", "out/"]) ensureDirectory(mailbox, normalizeDirectory(folder));
  const audiences =
    config.audience === undefined ? [...KNOWN_AUDIENCES] : Array.isArray(config.audience) ? config.audience : [config.audience];
  const account: SpsAccount = {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    audiences,
    tokenTtlSeconds: config.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    tokenRequestsPerMinute: config.tokenRequestsPerMinute ?? DEFAULT_TOKEN_REQUESTS_PER_MINUTE,
    tokenRequestTimes: [],
    tokens: new Map(),
    mailbox,
  };
  accounts.set(config.clientId, account);
  return account;
}

/** The account `npm start` and the demo use; created on first use. */
export const DEMO_SPS_ACCOUNT = {
  clientId: "demo-sps-client",
  clientSecret: "demo-sps-secret",
  folders: ["in/", "out/", "testin/", "testout/"],
} as const;

export function findAccount(clientId: string): SpsAccount | undefined {
  const existing = accounts.get(clientId);
  if (existing) return existing;
  if (clientId === DEMO_SPS_ACCOUNT.clientId) {
    return createAccount({ ...DEMO_SPS_ACCOUNT, folders: [...DEMO_SPS_ACCOUNT.folders] });
  }
  return undefined;
}

/** Makes every token of the account expired now. */
export function expireTokens(account: SpsAccount): number {
  const count = account.tokens.size;
  for (const token of account.tokens.keys()) account.tokens.set(token, 0);
  return count;
}
