/** Random documents rich in what YAML treats specially, for comparing writers (seeded, so failures repeat). */
export function seededRandom(seed: number): () => number {
  // Park-Miller: exact in doubles, so the same seed gives the same documents everywhere.
  let state = (seed % 2147483646) + 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

const PIECES = [
  'a', 'Z', 'vm-1', '0', '7', '12', '0x1F', '0o7', '0b1', '1_000', '1:20', '1.5', '.5', '1e3', '.inf', '.NaN', '~', 'null', 'Null',
  'y', 'n', 'Yes', 'no', 'on', 'OFF', 'true', 'False', '2024-01-02', '2001-12-14t21:59:43.10-05:00', '<<', ' ', '  ', ':', ': ', ' #', '#',
  '-', '- ', '?', '? ', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', '---', '...', '\n', '\n\n', '\t',
  '\\', '/', '=', '+', 'é', '日本', '😀', '\u0007', '\u0085', '\u00a0', '\u2028', '=', 'kubevirt.io/domain', '10.20.0.1/16', '02:00:00:00:00:01',
];

/** Pieces of what manifests hold: no control characters, tabs or floats (the writer's fast path only). */
const MANIFEST_PIECES = PIECES.filter((p) => !/[\t\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(p));

/** Random documents of two kinds: anything, or only what the fast path covers. */
export type FuzzProfile = 'anything' | 'manifest';

export function randomString(rand: () => number, profile: FuzzProfile = 'anything'): string {
  const pieces = profile === 'manifest' ? MANIFEST_PIECES : PIECES;
  const parts = Math.floor(rand() * 6);
  let s = '';
  for (let i = 0; i < parts; i++) s += pieces[Math.floor(rand() * pieces.length)];
  // Spaces after the last line break of a block scalar are the slow path's.
  return profile === 'manifest' ? s.replace(/\n[ ]+$/, '\n') : s;
}

export function randomValue(rand: () => number, depth: number, profile: FuzzProfile = 'anything'): unknown {
  const r = rand();
  if (depth > 0 && r < 0.2) {
    const n = Math.floor(rand() * 4);
    return Array.from({ length: n }, () => randomValue(rand, depth - 1, profile));
  }
  if (depth > 0 && r < 0.4) return randomObject(rand, depth - 1, profile);
  if (r < 0.45) return Math.floor(rand() * 100000) - 50;
  if (r < 0.47) return profile === 'manifest' ? -7 : [0.5, -0, 1e21, 3.25, -7, Number.MAX_SAFE_INTEGER + 2][Math.floor(rand() * 6)];
  if (r < 0.5) return rand() < 0.5;
  if (r < 0.52) return null;
  return randomString(rand, profile);
}

export function randomObject(rand: () => number, depth: number, profile: FuzzProfile = 'anything'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) {
    const key = rand() < 0.7 ? `k${Math.floor(rand() * 20)}` : randomString(rand, profile).replace(/\n/g, ' ');
    out[key] = randomValue(rand, depth, profile);
  }
  return out;
}
