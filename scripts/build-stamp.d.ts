// Types of scripts/build-stamp.js (plain JavaScript, so that the build and bin/ need no
// TypeScript loader) for the TypeScript that imports it (the tests).

export declare const SOURCE_DIRS: readonly string[];
export declare const DEV_ONLY: readonly string[];
export declare const CONFIG_INPUTS: readonly string[];
export declare const DIST_DIR: string;
export declare const STAMP_FILE: string;
export declare const STAMP_VERSION: number;

export interface BuildStamp {
  version: number;
  /** SHA-256 over every input's path and hash. */
  hash: string;
  /** When the build read its inputs (ms since the epoch). */
  hashedAt: number;
  builtAt: string;
  /** Input path (relative to the package root) → SHA-256 of its contents. */
  files: Record<string, string>;
}

export declare function isSourceInput(rel: string): boolean;
export declare function listInputs(root: string): string[];
export declare function hashFile(root: string, rel: string): string;
export declare function hashInputs(root: string): { files: Record<string, string>; hash: string };
export declare function readStamp(root: string): BuildStamp | null;
export declare function checkBuild(root: string): { ok: true } | { ok: false; changed: string[]; message: string };
export declare function quickStaleCheck(root: string): string | null;
