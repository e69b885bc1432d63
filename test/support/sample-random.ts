/**
 * The seeded random characters token samples are built from (src/model/token.ts `SampleRandom`): the same seed gives
 * the same samples on every run, so a catalogue failure reproduces.
 */
import { createHash } from 'node:crypto';
import type { SampleRandom, TokenSample } from '../../src/model/token.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A SHA-256 counter stream from `seed`. */
export function sampleRandom(seed: string): SampleRandom {
  let counter = 0;
  let pool: Buffer = Buffer.alloc(0);
  const bytes = (n: number): Uint8Array => {
    while (pool.length < n) pool = Buffer.concat([pool, createHash('sha256').update(`${seed}:${counter++}`).digest()]);
    const out = pool.subarray(0, n);
    pool = pool.subarray(n);
    return new Uint8Array(out);
  };
  // Rejection sampling keeps every character equally likely.
  const of = (alphabet: string, n: number): string => {
    const limit = 256 - (256 % alphabet.length);
    let s = '';
    while (s.length < n) for (const b of bytes(n - s.length)) if (b < limit && s.length < n) s += alphabet[b % alphabet.length];
    return s;
  };
  return { bytes, of, alnum: (n) => of(ALNUM, n), hex: (n) => of('0123456789abcdef', n) };
}

/** The text of a sample, drawn with `seed`. */
export const sampleText = (sample: TokenSample, seed: string): string => (typeof sample === 'string' ? sample : sample(sampleRandom(seed)));
