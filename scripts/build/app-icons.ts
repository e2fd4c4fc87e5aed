import { deflateSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * The installed app's icons, drawn here from the same shapes as public/favicon.svg (a dark teal
 * rounded square with a mint tick) and encoded as PNG with Node's zlib: no image tool, no binary
 * file in the repository. A launcher that masks icons (Android) gets a full-bleed variant with
 * the tick inside the central safe zone.
 */
const BACKGROUND = [0x0f, 0x3d, 0x3e] as const;
const TICK = [0x7e, 0xe0, 0xc3] as const;

/** The tick of favicon.svg, in its 32-unit box: M9 17 l5 5 9-11, stroke 3.5, round caps. */
const TICK_POINTS: readonly (readonly [number, number])[] = [
  [9, 17],
  [14, 22],
  [23, 11],
];
const TICK_WIDTH = 3.5;
const CORNER = 6;

export interface IconSpec {
  readonly file: string;
  readonly size: number;
  /** Full bleed, tick scaled into the safe zone (the central 80%) for masking launchers. */
  readonly maskable: boolean;
}

export const ICONS: readonly IconSpec[] = [
  { file: 'icons/icon-192.png', size: 192, maskable: false },
  { file: 'icons/icon-512.png', size: 512, maskable: false },
  { file: 'icons/icon-maskable-512.png', size: 512, maskable: true },
];

/** Squared, to spare a square root per sample. */
function squaredDistanceToSegment(
  px: number,
  py: number,
  [ax, ay]: readonly [number, number],
  [bx, by]: readonly [number, number],
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  const ex = px - (ax + t * dx);
  const ey = py - (ay + t * dy);
  return ex * ex + ey * ey;
}

/** Coverage (0–1) of the icon's two shapes at a point of the 32-unit box. */
function shapesAt(x: number, y: number, maskable: boolean): { square: boolean; tick: boolean } {
  // A maskable icon fills its square, and its tick shrinks to 60% about the centre.
  const scale = maskable ? 0.6 : 1;
  const tx = (x - 16) / scale + 16;
  const ty = (y - 16) / scale + 16;
  let tick = false;
  for (let i = 1; i < TICK_POINTS.length; i++) {
    const a = TICK_POINTS[i - 1];
    const b = TICK_POINTS[i];
    if (a && b && squaredDistanceToSegment(tx, ty, a, b) <= (TICK_WIDTH / 2) ** 2) tick = true;
  }
  if (maskable) return { square: true, tick };
  // The rounded square: inside unless in a corner beyond its radius.
  const cx = Math.min(Math.max(x, CORNER), 32 - CORNER);
  const cy = Math.min(Math.max(y, CORNER), 32 - CORNER);
  return { square: (x - cx) ** 2 + (y - cy) ** 2 <= CORNER ** 2, tick };
}

/** RGBA pixels, 4×4 samples a pixel where an edge crosses it, so the edges are smooth. */
export function iconPixels(size: number, maskable: boolean): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  const same = (a: { square: boolean; tick: boolean }, b: { square: boolean; tick: boolean }) =>
    a.square === b.square && a.tick === b.tick;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      let square = 0;
      let tick = 0;
      // A pixel whose four corners agree lies inside one shape: one sample is enough.
      const at = (dx: number, dy: number) =>
        shapesAt(((col + dx) / size) * 32, ((row + dy) / size) * 32, maskable);
      const corner = at(0, 0);
      if (same(corner, at(1, 0)) && same(corner, at(0, 1)) && same(corner, at(1, 1))) {
        const o = (row * size + col) * 4;
        const colour = corner.square && corner.tick ? TICK : BACKGROUND;
        for (let c = 0; c < 3; c++) pixels[o + c] = colour[c] ?? 0;
        pixels[o + 3] = corner.square ? 255 : 0;
        continue;
      }
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((col + (sx + 0.5) / samples) / size) * 32;
          const y = ((row + (sy + 0.5) / samples) / size) * 32;
          const at = shapesAt(x, y, maskable);
          if (at.square) square += 1;
          if (at.square && at.tick) tick += 1;
        }
      }
      const n = samples * samples;
      const alpha = square / n;
      const mix = square === 0 ? 0 : tick / square;
      const o = (row * size + col) * 4;
      for (let c = 0; c < 3; c++) {
        pixels[o + c] = Math.round((BACKGROUND[c] ?? 0) * (1 - mix) + (TICK[c] ?? 0) * mix);
      }
      pixels[o + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const body = Buffer.concat([head.subarray(4), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([head.subarray(0, 4), body, crc]);
}

/** An 8-bit RGBA PNG of the given pixels. */
export function encodePng(size: number, pixels: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row++) {
    // Filter type 0 (none) before each row.
    Buffer.from(pixels.buffer, pixels.byteOffset + row * size * 4, size * 4).copy(
      rows,
      row * (size * 4 + 1) + 1,
    );
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Emits the PNG icons into the build, where the manifest and the service worker find them. */
export function appIcons(): Plugin {
  return {
    name: 'opsready-app-icons',
    apply: 'build',
    generateBundle() {
      for (const icon of ICONS) {
        this.emitFile({
          type: 'asset',
          fileName: icon.file,
          source: encodePng(icon.size, iconPixels(icon.size, icon.maskable)),
        });
      }
    },
  };
}
