/**
 * dlib's integer rectangle (`dlib/geometry/rectangle.h`): inclusive corners, so
 * width = right - left + 1, and an empty rectangle has right < left or bottom < top.
 */
export interface DlibRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A rectangle of doubles (dlib `drectangle`), e.g. a rectangle mapped through a pyramid. */
export type DlibDRect = DlibRect;

/** Width of an inclusive rectangle (0 when empty). */
export function rectWidth(r: DlibRect): number {
  return r.right < r.left ? 0 : r.right - r.left + 1;
}

/** Height of an inclusive rectangle (0 when empty). */
export function rectHeight(r: DlibRect): number {
  return r.bottom < r.top ? 0 : r.bottom - r.top + 1;
}

/** Area of an inclusive rectangle (0 when empty). */
export function rectArea(r: DlibRect): number {
  return rectWidth(r) * rectHeight(r);
}

/** Intersection (dlib `rectangle::intersect`); may be empty. */
export function rectIntersect(a: DlibRect, b: DlibRect): DlibRect {
  return {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
}

/** Smallest rectangle holding both (dlib `rectangle::operator+`); an empty operand is ignored. */
export function rectUnion(a: DlibRect, b: DlibRect): DlibRect {
  if (rectArea(a) === 0) return b;
  if (rectArea(b) === 0) return a;
  return {
    left: Math.min(a.left, b.left),
    top: Math.min(a.top, b.top),
    right: Math.max(a.right, b.right),
    bottom: Math.max(a.bottom, b.bottom),
  };
}

/**
 * dlib 19.24 `drectangle::operator rectangle`: each coordinate to `floor(v + 0.5)`
 * (later dlib versions use lround, which differs at negative halves).
 */
export function roundRect(r: DlibDRect): DlibRect {
  return {
    left: Math.floor(r.left + 0.5),
    top: Math.floor(r.top + 0.5),
    right: Math.floor(r.right + 0.5),
    bottom: Math.floor(r.bottom + 0.5),
  };
}

/** dlib `centered_rect(point(x, y), width, height)`: left = x - width/2 (integer division). */
export function centeredRect(x: number, y: number, width: number, height: number): DlibRect {
  const left = x - Math.floor(width / 2);
  const top = y - Math.floor(height / 2);
  return { left, top, right: left + width - 1, bottom: top + height - 1 };
}
