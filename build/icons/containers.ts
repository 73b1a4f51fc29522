// The two icon containers the installers need, both holding PNG images as they are (no pixel
// work here): Windows' ICO with PNG entries (Windows Vista and later) and macOS's ICNS with its
// PNG types. Written by generate.ts; test/unit/icon-containers.test.ts reads them back.

export interface SizedPng {
  /** Width = height in pixels. */
  size: number;
  png: Uint8Array;
}

/** ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the PNGs. */
export function icoFile(images: readonly SizedPng[]): Buffer {
  const headerSize = 6 + 16 * images.length;
  const header = Buffer.alloc(headerSize);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = headerSize;
  images.forEach(({ size, png }, i) => {
    if (size < 1 || size > 256) throw new Error(`An ICO image is 1 to 256 px, not ${size}`);
    const at = 6 + 16 * i;
    header.writeUInt8(size === 256 ? 0 : size, at); // 0 means 256
    header.writeUInt8(size === 256 ? 0 : size, at + 1);
    header.writeUInt8(0, at + 2); // no palette
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.byteLength, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.byteLength;
  });
  return Buffer.concat([header, ...images.map(({ png }) => Buffer.from(png))]);
}

/** The ICNS types that hold PNG data, by pixel size; the @2x types for Retina screens. */
export const ICNS_TYPES = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'icp6', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic09', size: 512 },
  { type: 'ic10', size: 1024 }, // 512@2x
  { type: 'ic11', size: 32 }, // 16@2x
  { type: 'ic12', size: 64 }, // 32@2x
  { type: 'ic13', size: 256 }, // 128@2x
  { type: 'ic14', size: 512 }, // 256@2x
] as const;

/** 'icns' + total length, then per image its type, its length (with these 8 bytes) and the PNG;
 * lengths are big-endian. */
export function icnsFile(pngBySize: ReadonlyMap<number, Uint8Array>): Buffer {
  const chunks = ICNS_TYPES.map(({ type, size }) => {
    const png = pngBySize.get(size);
    if (!png) throw new Error(`The ICNS type ${type} needs a ${size} px PNG`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + png.byteLength, 4);
    return Buffer.concat([head, Buffer.from(png)]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + body.byteLength, 4);
  return Buffer.concat([head, body]);
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const data = Buffer.from(png);
  const signature = '89504e470d0a1a0a';
  if (data.subarray(0, 8).toString('hex') !== signature || data.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('Not a PNG image');
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}
