import { codecFor } from './codec-for.js';
import type { EncodeOptions, ValueCanonicalizer } from './value-codec.js';
import type { ValueKind } from './value-kind.js';

/** Builds the canonicalizer of one column (see ValueCodec.canonicalizer). */
export function makeCanonicalizer(kind: ValueKind, opts: EncodeOptions = {}): ValueCanonicalizer {
  return codecFor(kind).canonicalizer(opts);
}
