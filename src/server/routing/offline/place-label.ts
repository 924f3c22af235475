/** An axis-aligned rectangle in SVG units. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where a label's text goes: its anchor point and `text-anchor`. */
export interface PlacedLabel {
  x: number;
  y: number;
  anchor: 'start' | 'end';
  box: Box;
}

/** A text's width, estimated: DejaVu Sans averages a little under 0.6 em per character, and overestimating keeps labels apart. */
export const textWidth = (text: string, fontSize: number): number => text.length * fontSize * 0.6;

const overlaps = (a: Box, b: Box): boolean =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const inside = (box: Box, bounds: Box): boolean =>
  box.left >= bounds.left && box.right <= bounds.right && box.top >= bounds.top && box.bottom <= bounds.bottom;

/**
 * Places a label beside the point (x, y): the first of right-below, left-above, right-above,
 * left-below, then further out, that stays within `bounds` and clear of `taken` (the boxes already
 * used, which the chosen box is added to). Falls back to the first position when none is clear.
 */
export function placeLabel(input: {
  x: number;
  y: number;
  text: string;
  fontSize: number;
  taken: Box[];
  bounds: Box;
}): PlacedLabel {
  const { x, y, fontSize } = input;
  const width = textWidth(input.text, fontSize);
  const gap = 6;
  const candidates: { dx: number; dy: number; anchor: 'start' | 'end' }[] = [];
  for (const distance of [1, 2, 3]) {
    const down = gap + fontSize * distance;
    const up = -gap - fontSize * (distance - 1);
    candidates.push(
      { dx: gap, dy: down, anchor: 'start' },
      { dx: -gap, dy: up, anchor: 'end' },
      { dx: gap, dy: up, anchor: 'start' },
      { dx: -gap, dy: down, anchor: 'end' },
    );
  }
  const placed = candidates.map(({ dx, dy, anchor }): PlacedLabel => {
    const left = anchor === 'start' ? x + dx : x + dx - width;
    return {
      x: x + dx,
      y: y + dy,
      anchor,
      box: { left, right: left + width, top: y + dy - fontSize, bottom: y + dy + 2 },
    };
  });
  const chosen =
    placed.find((label) => inside(label.box, input.bounds) && !input.taken.some((box) => overlaps(box, label.box))) ??
    placed.find((label) => inside(label.box, input.bounds)) ??
    placed[0];
  if (chosen === undefined) throw new Error('no label position');
  input.taken.push(chosen.box);
  return chosen;
}
