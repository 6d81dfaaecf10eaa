import type { Kpis } from '../kpis.ts';
import type { AnalysisParams } from '../params.ts';
import { version } from '../../../package.json';

/** The tool's version, from package.json (bundled at build time into the app and the CLI). */
export const TOOL_VERSION: string = version;

/** One input of an analysis: where it came from and a SHA-256 of its bytes. */
export interface InputFingerprint {
  role: 'villages' | 'bts' | 'fibre' | 'settlements' | 'config' | 'dem';
  name: string;
  bytes: number;
  sha256: string;
}

/** The `vunglom` foreign member of an exported gap list: enough to reproduce it. */
export interface RunMetadata {
  tool: 'vunglom';
  version: string;
  created: string;
  params: AnalysisParams;
  inputs: InputFingerprint[];
  kpis: Kpis;
  gapsOnly: boolean;
}

/** SHA-256 of bytes as hex, with Web Crypto (present in browsers, workers and Node ≥ 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Fingerprint one input file. */
export async function fingerprint(role: InputFingerprint['role'], name: string, bytes: Uint8Array): Promise<InputFingerprint> {
  return { role, name, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) };
}
