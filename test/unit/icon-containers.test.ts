// The committed icons (build/icons/, made by build/icons/generate.ts from build/icon.svg) are
// what each system reads: real PNGs of the sizes their names say, an ICO whose directory points
// at them, an ICNS with every PNG type, and made from the SVG as it is now.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICNS_TYPES, icnsFile, icoFile, pngSize } from '../../build/icons/containers.ts';
import { ICO_SIZES, LINUX_SIZES } from '../../build/icons/generate.ts';

const buildDir = join(import.meta.dirname, '..', '..', 'build');
const iconsDir = join(buildDir, 'icons');

interface IcoEntry {
  width: number;
  height: number;
  bitCount: number;
  png: Buffer;
}

function readIco(file: Buffer): IcoEntry[] {
  expect(file.readUInt16LE(0)).toBe(0);
  expect(file.readUInt16LE(2)).toBe(1);
  const count = file.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i;
    const length = file.readUInt32LE(at + 8);
    const offset = file.readUInt32LE(at + 12);
    expect(offset + length).toBeLessThanOrEqual(file.byteLength);
    return {
      width: file.readUInt8(at) || 256,
      height: file.readUInt8(at + 1) || 256,
      bitCount: file.readUInt16LE(at + 6),
      png: file.subarray(offset, offset + length),
    };
  });
}

function readIcns(file: Buffer): Map<string, Buffer> {
  expect(file.toString('ascii', 0, 4)).toBe('icns');
  expect(file.readUInt32BE(4)).toBe(file.byteLength);
  const chunks = new Map<string, Buffer>();
  for (let at = 8; at < file.byteLength;) {
    const length = file.readUInt32BE(at + 4);
    expect(length).toBeGreaterThan(8);
    chunks.set(file.toString('ascii', at, at + 4), file.subarray(at + 8, at + length));
    at += length;
  }
  return chunks;
}

/** A PNG that pngSize reads: signature and IHDR with the given size, no pixels. */
function fakePng(size: number): Buffer {
  const png = Buffer.alloc(33);
  Buffer.from('89504e470d0a1a0a', 'hex').copy(png, 0);
  png.writeUInt32BE(13, 8);
  png.write('IHDR', 12, 'ascii');
  png.writeUInt32BE(size, 16);
  png.writeUInt32BE(size, 20);
  return png;
}

describe('the committed icons', () => {
  it('were generated from the current build/icon.svg', async () => {
    const svg = await readFile(join(buildDir, 'icon.svg'));
    const recorded = (await readFile(join(iconsDir, 'source.sha256'), 'utf8')).split(/\s+/)[0];
    expect(recorded, 'icon.svg changed: run `node build/icons/generate.ts` and commit build/icons/').toBe(
      createHash('sha256').update(svg).digest('hex'),
    );
  });

  it('give Linux a PNG of each size, named NxN.png as electron-builder reads them', async () => {
    const names = (await readdir(join(iconsDir, 'png'))).sort();
    expect(names).toEqual(LINUX_SIZES.map((s) => `${s}x${s}.png`).sort());
    for (const size of LINUX_SIZES) {
      const png = await readFile(join(iconsDir, 'png', `${size}x${size}.png`));
      expect(pngSize(png), `${size}x${size}.png`).toEqual({ width: size, height: size });
    }
  });

  it('give Windows an ICO from 16 to 256 px whose entries are the PNGs they announce', async () => {
    const entries = readIco(await readFile(join(iconsDir, 'icon.ico')));
    expect(entries.map((e) => e.width)).toEqual(ICO_SIZES);
    expect(entries.map((e) => e.width)).toContain(256); // electron-builder refuses a smaller ICO
    for (const entry of entries) {
      expect(entry.bitCount).toBe(32);
      expect(pngSize(entry.png)).toEqual({ width: entry.width, height: entry.height });
    }
  });

  it('give macOS an ICNS with every PNG type, Retina sizes up to 1024 px', async () => {
    const chunks = readIcns(await readFile(join(iconsDir, 'icon.icns')));
    expect([...chunks.keys()].sort()).toEqual(ICNS_TYPES.map((t) => t.type).sort());
    for (const { type, size } of ICNS_TYPES) {
      expect(pngSize(chunks.get(type)!), type).toEqual({ width: size, height: size });
    }
  });
});

describe('the icon containers', () => {
  it('write 256 px as 0 in an ICO directory and refuse bigger images', () => {
    const [entry] = readIco(icoFile([{ size: 256, png: fakePng(256) }]));
    expect(entry?.width).toBe(256);
    expect(() => icoFile([{ size: 512, png: fakePng(512) }])).toThrow('An ICO image is 1 to 256 px, not 512');
  });

  it('name the missing size when an ICNS lacks one', () => {
    const pngs = new Map(ICNS_TYPES.map(({ size }) => [size, fakePng(size)] as const));
    pngs.delete(1024);
    expect(() => icnsFile(pngs)).toThrow('The ICNS type ic10 needs a 1024 px PNG');
  });

  it('refuse a file that is not a PNG', () => {
    expect(() => pngSize(Buffer.from('GIF89a, not a PNG at all.....'))).toThrow('Not a PNG image');
  });
});
