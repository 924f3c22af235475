import { existsSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderCostQualityPng } from './render-cost-quality-png.js';
import { tinyEvaluationReport } from './tiny-evaluation-report.test-suite.js';

const report = tinyEvaluationReport('tiny');

/** PNG's Paeth predictor: whichever of left, up, upper-left is nearest to left + up − upper-left (ties in that order). */
function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const [toLeft, toUp, toUpLeft] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/** A minimal PNG reader (8-bit RGBA, no interlace — what resvg writes): IHDR, then IDAT inflated and unfiltered. */
function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const bytes = Buffer.from(png);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let header: { width: number; height: number } | undefined;
  const data: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      expect([body[8], body[9], body[12]]).toEqual([8, 6, 0]);
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4) };
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  if (header === undefined) throw new Error('no IHDR');
  const { width, height } = header;
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 4;
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= 4 ? (rgba[y * stride + x - 4] ?? 0) : 0;
      const up = y > 0 ? (rgba[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= 4 && y > 0 ? (rgba[(y - 1) * stride + x - 4] ?? 0) : 0;
      const predictor = [0, left, up, Math.floor((left + up) / 2), paeth(left, up, upLeft)][filter ?? 0] ?? 0;
      rgba[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

function countPixels(image: { rgba: Uint8Array }, test: (red: number, green: number, blue: number) => boolean): number {
  let count = 0;
  for (let index = 0; index < image.rgba.length; index += 4)
    if (test(image.rgba[index] ?? 0, image.rgba[index + 1] ?? 0, image.rgba[index + 2] ?? 0)) count += 1;
  return count;
}

const learnedRouterBlue = (red: number, green: number, blue: number): boolean =>
  red === 0x25 && green === 0x63 && blue === 0xeb;
const nearBlack = (red: number, green: number, blue: number): boolean => red < 80 && green < 80 && blue < 80;

describe('renderCostQualityPng', () => {
  it('writes a PNG of the SVG chart at twice its size by default, with the curves drawn', async () => {
    const image = decodePng(await renderCostQualityPng(report));
    expect([image.width, image.height]).toEqual([1600, 1000]);
    // A white background with the learned router's colour on it: its line, dots and legend swatch.
    expect(countPixels(image, (red, green, blue) => red === 255 && green === 255 && blue === 255)).toBeGreaterThan(
      image.width * image.height * 0.5,
    );
    expect(countPixels(image, learnedRouterBlue)).toBeGreaterThan(20 * 20);
  });

  it('still draws the plot without any font, only unlabelled', async () => {
    const image = decodePng(await renderCostQualityPng(report, { scale: 1, loadSystemFonts: false }));
    expect([image.width, image.height]).toEqual([800, 500]);
    expect(countPixels(image, learnedRouterBlue)).toBeGreaterThan(10 * 10);
  });

  it.skipIf(!existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'))(
    'draws the text with the system fonts (DejaVu Sans here)',
    async () => {
      const withFonts = decodePng(await renderCostQualityPng(report, { scale: 1 }));
      const withoutFonts = decodePng(await renderCostQualityPng(report, { scale: 1, loadSystemFonts: false }));
      // Title, axis labels and legend names are near-black text; the plot itself has almost no near-black pixels.
      expect(countPixels(withFonts, nearBlack)).toBeGreaterThan(countPixels(withoutFonts, nearBlack) + 500);
    },
  );
});
