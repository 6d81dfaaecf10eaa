import type { InputFingerprint } from '../output/run-metadata.ts';

/** The order roles are named in (the report and summary list them so). */
const ROLE_ORDER = ['villages', 'bts', 'fibre', 'settlements', 'config'];

/**
 * The roles of a result's inputs whose bytes are synthetic (their SHA-256 is one of
 * `syntheticSha256`, the sample's simulated files), once each, in a fixed order. The app and the
 * CLI both decide it from the fingerprints in the result's metadata, so they say the same.
 */
export function syntheticRoles(inputs: readonly InputFingerprint[], syntheticSha256: ReadonlySet<string>): string[] {
  const roles = new Set(inputs.filter((f) => syntheticSha256.has(f.sha256)).map((f) => f.role));
  return [...roles].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
}
