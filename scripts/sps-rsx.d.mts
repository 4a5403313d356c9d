// Types of scripts/sps-rsx.mjs for the TypeScript that imports it (vitest.pool.ts).
export declare const SPS_RSX_MISSING: string;
export type LocatedSpsRsx = { found: true; dir: string; from: "SPS_RSX_DIR" | "../shared/sps" } | { found: false; reason: string };
export declare function locateSpsRsx(env?: Record<string, string | undefined>): LocatedSpsRsx;
export declare function readSpsRsxFile(located: LocatedSpsRsx, relative: string): string;
export declare function listSpsRsxFiles(located: LocatedSpsRsx, relativeDir: string): string[];
