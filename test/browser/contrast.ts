// WCAG 2 contrast of rendered text, read from the browser's computed styles (through shadow roots).

const canvas = document.createElement('canvas');
canvas.width = canvas.height = 1;
const ctx = canvas.getContext('2d', { willReadFrequently: true })!;

type Rgba = [number, number, number, number];

/** Any CSS colour the browser computed (rgb(), color(srgb …), oklch(…)) as sRGB bytes and alpha 0–1. */
export function rgba(color: string): Rgba {
  ctx.clearRect(0, 0, 1, 1);
  ctx.fillStyle = '#000';
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!, a! / 255];
}

function over(top: Rgba, below: Rgba): Rgba {
  const a = top[3];
  return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function ratio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The element's parent, crossing out of a shadow root to its host. */
function up(el: Element): Element | null {
  const root = el.getRootNode();
  return el.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
}

/** The backgrounds an element's text is drawn on: each colour of a gradient, composed over what lies below. */
export function backgroundsOf(el: Element): Rgba[] {
  const layers: Rgba[][] = [];
  for (let e: Element | null = el; e; e = up(e)) {
    const style = getComputedStyle(e);
    const gradient = style.backgroundImage.match(/(?:rgba?|color|oklch|oklab)\([^()]*(?:\([^()]*\)[^()]*)*\)/g);
    const colours = gradient ? gradient.map(rgba) : [rgba(style.backgroundColor)];
    if (colours.some((c) => c[3] > 0)) layers.push(colours);
    if (colours.every((c) => c[3] === 1) || e instanceof HTMLDialogElement) break;
  }
  let below: Rgba[] = [[255, 255, 255, 1]];
  for (const layer of layers.reverse()) below = layer.flatMap((c) => below.map((b) => over(c, b)));
  return below;
}

export interface LowContrast {
  text: string;
  ratio: number;
}

/** Every visible text in `root` (and the shadow roots inside it) whose contrast is under `min`. */
export function lowContrast(root: ParentNode, min = 4.5): LowContrast[] {
  const found: LowContrast[] = [];
  const visit = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())
        .map((n) => n.textContent!.trim());
      if (own.length === 0 || el.closest('[disabled], option, .visually-hidden, [hidden]')) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      const colour = rgba(style.color);
      const worst = Math.min(...backgroundsOf(el).map((bg) => ratio(over(colour, bg), bg)));
      if (worst < min) found.push({ text: own.join(' ').slice(0, 60), ratio: Math.round(worst * 100) / 100 });
    }
  };
  visit(root);
  return found;
}
