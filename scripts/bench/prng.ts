/**
 * Seeded random numbers for the re-check schedule benchmark (`npm run bench:schedule`), so a run with the same
 * seed repeats exactly. mulberry32 is small and fast, good enough for a simulation, never for anything secret.
 */

/** A uniform source on [0, 1) from a 32-bit seed (mulberry32). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The seed of a named stream derived from the run's seed. Each part of the simulation draws from its own stream,
 * so trying other check ages leaves the articles and their removals exactly as they were.
 */
export function streamSeed(seed: number, stream: string): number {
  // FNV-1a over the name, then a murmur3-style finaliser so nearby seeds give unrelated streams.
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < stream.length; i++) hash = Math.imul(hash ^ stream.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}
