// OCR of text drawn on product images (English + simplified Chinese), fully offline.
//
// - Language data comes from the @tesseract.js-data packages on disk: nothing is downloaded and
//   nothing is cached to disk (tesseract.js writes `*.traineddata` into the working directory by
//   default; `cacheMethod: "none"` turns that off).
// - One worker, started on first use and shared by every image. Calls are queued, one image at a
//   time; `terminateOcr()` waits its turn (images already asked for finish first) and ends the
//   worker so the process can exit. The next call starts a new one.
// - Each image is read as it is (Tesseract binarises it itself), then, where that first pass read
//   nothing for sure, once more keeping only its brightest pixels: white text outlined or shadowed
//   on a photo, which Tesseract's own binarisation turns into hollow letter outlines. The best
//   reading of each area is kept.

import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import sharp, { type Sharp } from "sharp";
import Tesseract from "tesseract.js";

export interface OcrResult {
  /** Recognised lines joined by "\n"; "" when the image has no readable text. */
  text: string;
  /** Mean word confidence of the kept words, 0–100 (0 when no text). */
  confidence: number;
}

// ---------------------------------------------------------------------------------------------
// Settings, chosen by measuring on product photos with drawn text (English and Chinese captions,
// banners, outlined white text, spec lines, text-free photos).

/**
 * `4.0.0_best_int` (LSTM-only, integer "best" models): 4.6 MB for both languages, worker ready in
 * ~0.4 s. The `4.0.0` folder adds the legacy engine's data (31 MB, ~1.3 s to load), which an
 * LSTM-only worker never uses; its readings of drawn text were no better (one worse: `shop_iily`).
 */
const DATA_FOLDER = "4.0.0_best_int";
/**
 * Automatic page segmentation. On overlays on photos it beat "sparse text" (PSM 11), which missed
 * white text on a dark banner and bold numbers next to a product, and "single block" (PSM 6),
 * which reads texture as letters when the text is spread over the picture.
 */
const PAGE_SEG_MODE = Tesseract.PSM.AUTO;
/** Longest side after scaling: larger photos are shrunk (speed), smaller ones enlarged (small text). */
const MAX_SIDE = 1600;
const MIN_SIDE = 1000;
const MAX_UPSCALE = 3;
/**
 * Mostly dark images (mean grey below this) are negated for the first pass: Tesseract reads light
 * text on dark by recognising each line twice (as is, then inverted when that reads poorly), which
 * doubled the time of a text-heavy white-on-black image.
 */
const DARK_MEAN = 96;
/** Light-text pass: pixels at least this bright (after contrast stretching) are the text. */
const LIGHT_TEXT_LEVEL = 225;
/** Above this share of light pixels, light is the background and the light-text pass is skipped. */
const MAX_LIGHT_SHARE = 0.5;
/** Fewer light pixels than this (a few small letters) left after blanking: no second pass. */
const MIN_LIGHT_PIXELS = 200;
/** A first-pass line read with every word at least this sure is not read again. */
const SURE_WORD_CONFIDENCE = 60;
/** Words below this confidence are mostly noise read from textures; dropping them keeps clean photos clean. */
const MIN_WORD_CONFIDENCE = 30;
/** Numbers of 3+ digits are kept down to this confidence: one blurred group must not split a phone number. */
const MIN_NUMBER_CONFIDENCE = 10;

// ---------------------------------------------------------------------------------------------
// Public API.

/** OCR of encoded image bytes (any format sharp reads). English + simplified Chinese. */
export async function recognizeText(image: Buffer): Promise<OcrResult> {
  const prepared = await preprocess(image); // outside the queue: sharp works on its own threads
  return enqueue(async () => {
    const worker = await getWorker();
    const lines = await recognizeLines(worker, prepared.grey);
    const light = prepared.light && (await lightTextImage(prepared.light, lines));
    if (light) lines.push(...(await recognizeLines(worker, light)));
    return toResult(mergeLines(lines));
  });
}

/** Ends the shared worker (so the process can exit); safe to call when none was started. */
export async function terminateOcr(): Promise<void> {
  await enqueue(async () => {
    const starting = workerPromise;
    workerPromise = undefined;
    const worker = await starting?.catch(() => undefined);
    await worker?.terminate();
  });
}

// ---------------------------------------------------------------------------------------------
// The shared worker.

let workerPromise: Promise<Tesseract.Worker> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Runs jobs one at a time, in call order; a failed job does not block the next. */
function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

function getWorker(): Promise<Tesseract.Worker> {
  if (!workerPromise) {
    const starting = startWorker();
    workerPromise = starting;
    starting.catch(() => {
      if (workerPromise === starting) workerPromise = undefined; // the next image tries again
    });
  }
  return workerPromise;
}

async function startWorker(): Promise<Tesseract.Worker> {
  const [engDir, chiDir] = [languageFolder("eng"), languageFolder("chi_sim")];
  const chiData = await readLanguageData(chiDir, "chi_sim");
  await readLanguageData(engDir, "eng"); // checked here: tesseract.js would hang on a missing file
  // tesseract.js 7 reads every language from one `langPath`, and its in-memory `{ code, data }`
  // languages are broken (initialize() uses `data` as the name). So: start with English from its
  // folder, put the Chinese data into the worker's memory file system, and re-initialise with both.
  // tesseract.js keeps the array passed here as its list of loaded languages; adding "chi_sim" to
  // it keeps reinitialize() from looking for chi_sim in the English folder.
  const loaded = ["eng"];
  let failStart: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (failStart = reject));
  const created = Tesseract.createWorker(loaded, Tesseract.OEM.LSTM_ONLY, {
    langPath: engDir,
    gzip: true,
    cacheMethod: "none", // no traineddata cache written to (or read from) the working directory
    // Without a handler tesseract.js throws worker errors from a message listener (an uncaught
    // exception); with one, a failed start never settles `created`, so `failed` ends the wait.
    errorHandler: (error: unknown) => failStart(new Error(String(error))),
  });
  let worker: Tesseract.Worker | undefined;
  try {
    worker = await Promise.race([created, failed]);
    await worker.FS("writeFile", ["chi_sim.traineddata", chiData]);
    loaded.push("chi_sim");
    await worker.reinitialize("eng+chi_sim", Tesseract.OEM.LSTM_ONLY);
    await worker.setParameters({
      tessedit_pageseg_mode: PAGE_SEG_MODE,
      debug_file: "/dev/null", // Tesseract's notes ("Detected 12 diacritics") would go to our stdout
    });
    return worker;
  } catch (error) {
    await worker?.terminate();
    throw new Error(`could not start the OCR engine (tesseract.js): ${messageOf(error)}`);
  }
}

function languageFolder(code: "eng" | "chi_sim"): string {
  const require = createRequire(import.meta.url);
  try {
    return path.join(path.dirname(require.resolve(`@tesseract.js-data/${code}/package.json`)), DATA_FOLDER);
  } catch {
    throw new Error(`OCR language data missing: install @tesseract.js-data/${code}`);
  }
}

/** The uncompressed traineddata; a missing or damaged file is a clear error, not a hang. */
async function readLanguageData(folder: string, code: string): Promise<Buffer> {
  const file = path.join(folder, `${code}.traineddata.gz`);
  try {
    return gunzipSync(await readFile(file));
  } catch (error) {
    throw new Error(`OCR language data unreadable (${file}): ${messageOf(error)}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Preprocessing.

interface RawImage {
  pixels: Buffer; // one byte per pixel
  width: number;
  height: number;
}

interface Prepared {
  /** The grey image, scaled, as PNG; negated when mostly dark. */
  grey: Buffer;
  /** Its light text (black) on white; undefined when most of the image is light. */
  light?: RawImage;
}

async function preprocess(image: Buffer): Promise<Prepared> {
  const { data, info } = await sharp(image)
    .autoOrient() // upright, as the EXIF orientation says (phone photos are often stored sideways)
    .flatten({ background: "#ffffff" }) // transparent areas as white, not black
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const scale = scaleFor(info.width, info.height);
  const width = Math.max(1, Math.round(info.width * scale));
  const height = Math.max(1, Math.round(info.height * scale));
  const grey = await greyImage(data, info.width, info.height)
    .resize({ width, height, kernel: scale < 1 ? "lanczos3" : "cubic" })
    .toColourspace("b-w") // sharp turns one-channel raw input into sRGB unless told
    .raw()
    .toBuffer();
  const firstPass = mean(grey) < DARK_MEAN ? negated(grey) : grey;
  const [png, light] = await Promise.all([toPng({ pixels: firstPass, width, height }), lightText(grey, width, height)]);
  return { grey: png, light };
}

function negated(pixels: Buffer): Buffer {
  const out = Buffer.allocUnsafe(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = 255 - pixels[i]!;
  return out;
}

function mean(pixels: Buffer): number {
  let sum = 0;
  for (const value of pixels) sum += value;
  return sum / Math.max(1, pixels.length);
}

/**
 * Black where the image is brightest, white elsewhere; undefined when most of the image is bright
 * (a light background, whose dark text the first pass reads already).
 */
async function lightText(grey: Buffer, width: number, height: number): Promise<RawImage | undefined> {
  const pixels = await greyImage(grey, width, height)
    .normalise() // stretch contrast, so "bright" is relative to this image
    .threshold(LIGHT_TEXT_LEVEL)
    .negate()
    .toColourspace("b-w")
    .raw()
    .toBuffer();
  return countBlack(pixels) > pixels.length * MAX_LIGHT_SHARE ? undefined : { pixels, width, height };
}

/**
 * The light-text image with the areas the first pass read confidently blanked out, as PNG; undefined
 * when nothing is left to read. Re-reading only the rest keeps text-heavy images fast.
 */
async function lightTextImage(light: RawImage, firstPass: OcrLine[]): Promise<Buffer | undefined> {
  const pixels = Buffer.from(light.pixels);
  for (const line of firstPass.filter((l) => l.sure)) blank(pixels, light.width, light.height, line.bbox);
  if (countBlack(pixels) < MIN_LIGHT_PIXELS) return undefined;
  return toPng({ pixels, width: light.width, height: light.height });
}

/** Paints a box (with a margin for the letters' edges) white. */
function blank(pixels: Buffer, width: number, height: number, box: Box): void {
  const margin = Math.ceil((box.y1 - box.y0) * 0.2);
  const [x0, x1] = [Math.max(0, box.x0 - margin), Math.min(width, box.x1 + margin)];
  const [y0, y1] = [Math.max(0, box.y0 - margin), Math.min(height, box.y1 + margin)];
  for (let y = y0; y < y1; y++) pixels.fill(255, y * width + x0, y * width + x1);
}

function countBlack(pixels: Buffer): number {
  let count = 0;
  for (const value of pixels) if (value === 0) count++;
  return count;
}

function greyImage(pixels: Buffer, width: number, height: number): Sharp {
  return sharp(pixels, { raw: { width, height, channels: 1 } });
}

/** PNG without compression: the cheapest lossless format Tesseract's Leptonica reads. */
function toPng({ pixels, width, height }: RawImage): Promise<Buffer> {
  return greyImage(pixels, width, height).png({ compressionLevel: 0 }).toBuffer();
}

function scaleFor(width: number, height: number): number {
  const longest = Math.max(width, height);
  if (longest > MAX_SIDE) return MAX_SIDE / longest;
  if (longest < MIN_SIDE) return Math.min(MAX_UPSCALE, MIN_SIDE / longest);
  return 1;
}

// ---------------------------------------------------------------------------------------------
// Recognition and merging.

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface OcrWord {
  text: string;
  confidence: number;
  bbox: Box;
}

interface OcrLine {
  words: OcrWord[];
  bbox: Box;
  /** Sum of word confidences: favours the pass that read more of the line, and more surely. */
  score: number;
  /** Every word of the line, kept or not, was read confidently. */
  sure: boolean;
}

async function recognizeLines(worker: Tesseract.Worker, image: Buffer): Promise<OcrLine[]> {
  const { data } = await worker.recognize(image, {}, { text: false, blocks: true });
  const lines: OcrLine[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words.filter(keepWord).map(({ text, confidence, bbox }) => ({ text, confidence, bbox }));
        const sure = line.words.every((w) => w.confidence >= SURE_WORD_CONFIDENCE);
        if (words.length > 0) lines.push(makeLine(words, sure));
      }
    }
  }
  return lines;
}

function keepWord(word: { text: string; confidence: number }): boolean {
  const text = word.text.trim();
  if (!text) return false;
  if (word.confidence >= MIN_WORD_CONFIDENCE) return true;
  return word.confidence >= MIN_NUMBER_CONFIDENCE && /\d{3}/.test(text);
}

function makeLine(words: OcrWord[], sure: boolean): OcrLine {
  const bbox = words.map((w) => w.bbox).reduce(union);
  return { words, bbox, sure, score: words.reduce((sum, w) => sum + w.confidence * [...w.text].length, 0) };
}

/** Keeps the best-scoring reading of each image area, then orders the lines as they are read. */
function mergeLines(candidates: OcrLine[]): OcrLine[] {
  const kept: OcrLine[] = [];
  for (const line of [...candidates].sort((a, b) => b.score - a.score)) {
    if (!kept.some((other) => overlapRatio(line.bbox, other.bbox) > 0.5)) kept.push(line);
  }
  return kept;
}

/** Lines on one visual row (Tesseract may split a row into pieces) become one text line, left to right. */
function toRows(lines: OcrLine[]): OcrLine[][] {
  const rows: OcrLine[][] = [];
  for (const line of [...lines].sort((a, b) => a.bbox.y0 - b.bbox.y0)) {
    const row = rows.find((r) => sameRow(r[0]!.bbox, line.bbox));
    if (row) row.push(line);
    else rows.push([line]);
  }
  return rows.map((row) => row.sort((a, b) => a.bbox.x0 - b.bbox.x0));
}

function toResult(lines: OcrLine[]): OcrResult {
  const text = toRows(lines)
    .map((row) => joinWords(row.flatMap((line) => line.words)))
    .join("\n");
  const words = lines.flatMap((line) => line.words);
  const confidence = words.length ? Math.round(words.reduce((s, w) => s + w.confidence, 0) / words.length) : 0;
  return { text, confidence };
}

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
/** Characters that join the parts of an id, handle, address or e-mail (`shop_lily`, `a@b.cn`). */
const CONNECTOR = /[_@.\-]/;

/**
 * Words joined by spaces, except between two CJK characters (Tesseract splits Chinese into single
 * characters) and around a connector with no real gap (Tesseract splits `shop_lily2024` at the `_`).
 */
function joinWords(words: OcrWord[]): string {
  let out = "";
  words.forEach((word, i) => {
    const text = word.text.trim();
    const previous = words[i - 1];
    out += previous && !joinsTightly(previous, word, out.at(-1)!, text[0]!) ? ` ${text}` : text;
  });
  return out;
}

function joinsTightly(left: OcrWord, right: OcrWord, leftChar: string, rightChar: string): boolean {
  if (CJK.test(leftChar) && CJK.test(rightChar)) return true;
  if (!CONNECTOR.test(leftChar) && !CONNECTOR.test(rightChar)) return false;
  const gap = right.bbox.x0 - left.bbox.x1;
  const height = Math.min(left.bbox.y1 - left.bbox.y0, right.bbox.y1 - right.bbox.y0);
  return gap < height * 0.35; // a word space is about half the box height; these gaps were a quarter
}

// ---------------------------------------------------------------------------------------------
// Box geometry.

function union(a: Box, b: Box): Box {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

/** Intersection area over the smaller box's area. */
function overlapRatio(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.max(1, Math.min(area(a), area(b)));
}

/** Boxes sharing most of the taller one's height (so one tall box cannot swallow several rows). */
function sameRow(a: Box, b: Box): boolean {
  const shared = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return shared > 0.5 * Math.max(a.y1 - a.y0, b.y1 - b.y0);
}

function area(box: Box): number {
  return (box.x1 - box.x0) * (box.y1 - box.y0);
}
