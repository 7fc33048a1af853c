// QR codes in product photos. jsQR finds one code per call and needs the code to be a fair share
// of the picture, while sellers put a small code in a corner of a big photo. So the image is
// scanned as a whole (scaled to at most 1000 px) and then as overlapping crops: the four corners,
// and a 3×3 grid for big images; each crop at full resolution up to 1000 px, small ones upscaled.
// At most 14 scans of at most 1000×1000 each bound the cost (measured on 2 cores: ~0.1–0.15 s for
// 1200×1200, ~0.85 s for 6000×6000).

import jsQRModule from "jsqr";
import sharp from "sharp";

// jsqr is CommonJS with `module.exports = jsQR` and `jsQR.default = jsQR`.
const jsQR = jsQRModule.default;

/** 8-bit greyscale pixels, one byte per pixel, row by row. */
export interface GreyImage {
  data: Buffer;
  width: number;
  height: number;
}

export interface ScanRegion {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Scan both dark-on-light and light-on-dark codes (costs a second pass when nothing is found). */
  inverted: boolean;
}

/** Longest side a region is scaled down to before scanning: jsQR's time grows with the pixels. */
const MAX_SCAN_SIDE = 1000;
/** Regions smaller than this are scaled up 2×: jsQR misses codes with modules under ~3 px. */
const UPSCALE_BELOW = 400;
/** Images smaller than this are scanned whole only. */
const MIN_CROP_SIDE = 400;
/** Images larger than this also get the 3×3 grid. */
const GRID_ABOVE = 2000;
/** Upper bound on scans of one image: 1 whole + 4 corners + 9 grid cells. */
export const MAX_SCANS = 14;

/**
 * Where to look, in order: the whole image, then four corner crops of 60% × 60% (they overlap by
 * 20%, so a code on a crop edge is whole in a neighbour), then for big images a 3×3 grid of 40%
 * cells overlapping by 10%.
 */
export function qrScanRegions(width: number, height: number): ScanRegion[] {
  const regions: ScanRegion[] = [{ left: 0, top: 0, width, height, inverted: true }];
  if (Math.min(width, height) >= MIN_CROP_SIDE) regions.push(...gridRegions(width, height, 2, 0.6));
  if (Math.max(width, height) > GRID_ABOVE) regions.push(...gridRegions(width, height, 3, 0.4));
  return regions.slice(0, MAX_SCANS);
}

/** An n×n grid of cells `fraction` of the image wide and high, spread evenly from edge to edge. */
function gridRegions(width: number, height: number, n: number, fraction: number): ScanRegion[] {
  const cellWidth = Math.round(width * fraction);
  const cellHeight = Math.round(height * fraction);
  const regions: ScanRegion[] = [];
  for (let row = 0; row < n; row++) {
    for (let column = 0; column < n; column++) {
      regions.push({
        left: Math.round(((width - cellWidth) * column) / (n - 1)),
        top: Math.round(((height - cellHeight) * row) / (n - 1)),
        width: cellWidth,
        height: cellHeight,
        inverted: false,
      });
    }
  }
  return regions;
}

/** Size a region is scanned at: longest side at most MAX_SCAN_SIDE, small regions doubled. */
export function scanSize(width: number, height: number): { width: number; height: number } {
  const longest = Math.max(width, height);
  const scale = longest > MAX_SCAN_SIDE ? MAX_SCAN_SIDE / longest : longest < UPSCALE_BELOW ? 2 : 1;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Decoded payloads of the QR codes found in the image, each once, in the order found. */
export async function findQrCodes(image: GreyImage): Promise<string[]> {
  const payloads = new Set<string>();
  for (const region of qrScanRegions(image.width, image.height)) {
    const pixels = await regionPixels(image, region);
    const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: region.inverted ? "attemptBoth" : "dontInvert" });
    if (code && code.data.trim()) payloads.add(code.data);
  }
  return [...payloads];
}

/** The region, scaled and contrast-stretched, as the RGBA pixels jsQR takes. */
async function regionPixels(image: GreyImage, region: ScanRegion): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const size = scanSize(region.width, region.height);
  if (size.width === region.width && size.height === region.height) {
    return { data: toRgba(image, region), width: region.width, height: region.height };
  }
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 }, limitInputPixels: false })
    .extract({ left: region.left, top: region.top, width: region.width, height: region.height })
    .resize(size.width, size.height, { fit: "fill" })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  const scaled = { data, width: info.width, height: info.height };
  return { data: toRgba(scaled, { left: 0, top: 0, width: info.width, height: info.height }), width: info.width, height: info.height };
}

/**
 * The region's pixels as RGBA, with levels stretched so the darkest and lightest 1% become black
 * and white: jsQR ignores blocks whose contrast is under 24 levels, which a faded code can be.
 * (sharp's normalise() does the same but costs ~50 ms per megapixel; this is a few ms.)
 */
export function toRgba(image: GreyImage, region: Pick<ScanRegion, "left" | "top" | "width" | "height">): Uint8ClampedArray {
  const { low, high } = levels(image, region);
  const scale = high > low ? 255 / (high - low) : 1;
  const lut = new Uint8ClampedArray(256);
  for (let v = 0; v < 256; v++) lut[v] = high > low ? (v - low) * scale : v;
  const rgba = new Uint8ClampedArray(region.width * region.height * 4);
  let j = 0;
  for (let y = region.top; y < region.top + region.height; y++) {
    const row = y * image.width;
    for (let x = region.left; x < region.left + region.width; x++, j += 4) {
      const v = lut[image.data[row + x]!]!;
      rgba[j] = v;
      rgba[j + 1] = v;
      rgba[j + 2] = v;
      rgba[j + 3] = 255;
    }
  }
  return rgba;
}

/** Grey levels at the 1st and 99th percentile of the region. */
function levels(image: GreyImage, region: Pick<ScanRegion, "left" | "top" | "width" | "height">): { low: number; high: number } {
  const histogram = new Uint32Array(256);
  for (let y = region.top; y < region.top + region.height; y++) {
    const row = y * image.width;
    for (let x = region.left; x < region.left + region.width; x++) histogram[image.data[row + x]!]!++;
  }
  const cut = Math.floor(region.width * region.height * 0.01);
  let low = 0;
  for (let seen = 0; low < 255 && seen + histogram[low]! <= cut; low++) seen += histogram[low]!;
  let high = 255;
  for (let seen = 0; high > 0 && seen + histogram[high]! <= cut; high--) seen += histogram[high]!;
  return { low, high };
}
