/**
 * Seeded uniform numbers for the loss simulation, keyed by (trial, vector) rather than drawn from
 * one long sequence. Each simulated year gives each vector its own stream, so a change to one
 * vector's frequency, or to the controls, never shifts the draws of another vector or another
 * year: the figures "now" and "at target" are computed on the same simulated years (common random
 * numbers), and a better answer can only lower each year's loss, not reshuffle it.
 *
 * Deterministic: the same seed gives the same streams on every machine. The domain never calls
 * Math.random; the caller passes the seed, or streams of its own.
 */
export interface Streams {
  /** Moves to the start of the stream of one simulated year and vector. */
  start(trial: number, vector: number): void;
  /** The next uniform in [0, 1) of the current stream. */
  next(): number;
}

/** Murmur3's 32-bit finaliser: a bijection that spreads every input bit over the output. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Streams from a seed: each (trial, vector) key is hashed into the state of a Mulberry32
 * generator. Its 32-bit state is ample for the few draws one year of one vector needs; the key
 * hash, not the generator's period, keeps the streams apart. One object, no allocation per
 * stream, since a run starts millions of them.
 */
export function seededStreams(seed: number): Streams {
  const s = fmix32(Math.trunc(seed) ^ 0x5bd1e995);
  let state = 0;
  return {
    start(trial, vector) {
      state = fmix32(
        s ^ fmix32(Math.imul(trial + 1, 0x9e3779b1) ^ Math.imul(vector + 1, 0x7f4a7c15)),
      );
    },
    next() {
      state = (state + 0x6d2b79f5) | 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
