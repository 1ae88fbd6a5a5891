// The page's panels: two columns (the 3D view over the checkpoints and trace; the program
// over the attempts / chat / knowledge tabs) and three drag handles between them. Sizes are
// fractions kept in localStorage, so they survive a reload and follow the window's size.
// Whatever the sizes, the 3D view keeps at least half the window's height: the panel
// under it gives way first, and the checkpoint cards shrink with it (--thumb-h).

import { byId } from './dom.ts';

export const LAYOUT_STORAGE_KEY = 'policyloop.viewer.layout';

/** Share of the window's height the 3D view always keeps. */
export const MIN_WORLD_SHARE = 0.5;

type Split = 'side' | 'bottom' | 'program';

/** Fractions: side of the page's width; bottom of the left column's height; program of the right column's height. */
export type LayoutSizes = Record<Split, number | null>;

/** null: the default size (bottom: 270 px, as far as the 3D view's share lets it be). */
const DEFAULT_SIDE = 0.34;
const DEFAULT_PROGRAM = 0.45;
const DEFAULTS: LayoutSizes = { side: DEFAULT_SIDE, bottom: null, program: DEFAULT_PROGRAM };
const DEFAULT_BOTTOM_PX = 270;
const SPLITTER_PX = 6;
const MIN_PX: Record<Split, number> = { side: 300, bottom: 90, program: 80 };
/** Least room left for the other side of a split (px). */
const MIN_OTHER_PX: Record<Split, number> = { side: 420, bottom: 0, program: 140 };
/** Room under a card's picture for its title and verdict (px). */
const CARD_TEXT_PX = 46;
const MAX_THUMB_PX = 124;
/** A card's border and padding (px). */
const CARD_CHROME_PX = 12;
/** A panel under the 3D view shorter than this is compact: no headings, the cards sideways (picture left, title and verdict right). */
const COMPACT_BELOW_PX = 160;
const MIN_THUMB_PX = 24;

function readSizes(): LayoutSizes {
  try {
    const raw = JSON.parse(localStorage.getItem(LAYOUT_STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    const frac = (v: unknown): number | null => (typeof v === 'number' && v > 0 && v < 1 ? v : null);
    return { side: frac(raw.side) ?? DEFAULT_SIDE, bottom: frac(raw.bottom), program: frac(raw.program) ?? DEFAULT_PROGRAM };
  } catch {
    return { ...DEFAULTS };
  }
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

export class Layout {
  private sizes: LayoutSizes = readSizes();
  private readonly main = document.querySelector('main')!;
  private readonly left = byId('left-col');
  private readonly right = byId('right-col');
  private readonly worldPanel = byId('world-panel');
  private readonly world = byId('world');
  private readonly gallery = byId('gallery');
  private readonly bottomPanel = byId('bottom-panel');

  constructor() {
    document.querySelectorAll<HTMLElement>('.splitter[data-split]').forEach((handle) => {
      this.wire(handle);
    });
    window.addEventListener('resize', () => this.apply());
    const observer = new ResizeObserver(() => this.apply());
    observer.observe(this.main);
    observer.observe(byId('timeline'));
    this.apply();
  }

  /** The sizes as stored (fractions; null is the default). */
  current(): LayoutSizes {
    return { ...this.sizes };
  }

  /** Sets the panels' sizes from the stored fractions, within the limits. */
  apply(): void {
    const style = this.main.style;
    const mainW = this.main.clientWidth - 12;
    const side = this.clampPx('side', (this.sizes.side ?? DEFAULT_SIDE) * mainW, mainW);
    style.setProperty('--side-w', `${Math.round(side)}px`);

    const leftH = this.left.clientHeight;
    const bottom =
      this.sizes.bottom === null
        ? Math.min(DEFAULT_BOTTOM_PX, this.maxBottom(leftH))
        : this.clampPx('bottom', this.sizes.bottom * leftH, leftH);
    style.setProperty('--bottom-h', `${Math.max(0, Math.round(bottom))}px`);

    const rightH = this.right.clientHeight;
    const program = this.clampPx('program', (this.sizes.program ?? DEFAULT_PROGRAM) * rightH, rightH);
    style.setProperty('--program-h', `${Math.round(program)}px`);

    // A short panel drops its headings and lays its cards out sideways, so nothing is cut off.
    const compact = bottom < COMPACT_BELOW_PX;
    this.bottomPanel.classList.toggle('compact', compact);
    const galleryH = this.gallery.clientHeight;
    const thumb = clamp(compact ? galleryH - CARD_CHROME_PX : galleryH - CARD_TEXT_PX, MIN_THUMB_PX, MAX_THUMB_PX);
    this.gallery.style.setProperty('--thumb-h', `${Math.floor(thumb)}px`);
  }

  /** The tallest the panel under the 3D view may be: the view keeps MIN_WORLD_SHARE of the window's height. */
  private maxBottom(leftH: number): number {
    // What the world panel holds besides the canvas: the timeline, borders.
    const chrome = this.worldPanel.offsetHeight - this.world.offsetHeight;
    return leftH - SPLITTER_PX - chrome - Math.ceil(window.innerHeight * MIN_WORLD_SHARE) - 1;
  }

  private clampPx(split: Split, px: number, total: number): number {
    const hi = split === 'bottom' ? this.maxBottom(total) : total - SPLITTER_PX - MIN_OTHER_PX[split];
    return Math.max(0, clamp(px, Math.min(MIN_PX[split], hi), hi));
  }

  private save(): void {
    try {
      localStorage.setItem(LAYOUT_STORAGE_KEY, JSON.stringify(this.sizes));
    } catch {
      // Storage off (private mode): the sizes last until the page closes.
    }
  }

  private wire(handle: HTMLElement): void {
    const split = handle.dataset.split as Split;
    const axis = split === 'side' ? 'cols' : 'rows';
    handle.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      e.preventDefault();
      handle.setPointerCapture(e.pointerId);
      handle.classList.add('dragging');
      document.body.classList.add('resizing', axis);
    });
    handle.addEventListener('pointermove', (e) => {
      if (!handle.hasPointerCapture(e.pointerId)) return;
      this.dragTo(split, e.clientX, e.clientY);
    });
    const end = (e: PointerEvent): void => {
      if (!handle.hasPointerCapture(e.pointerId)) return;
      handle.releasePointerCapture(e.pointerId);
      handle.classList.remove('dragging');
      document.body.classList.remove('resizing', axis);
      this.save();
    };
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
    handle.addEventListener('dblclick', () => {
      this.sizes[split] = DEFAULTS[split];
      this.save();
      this.apply();
    });
  }

  /** Moves a splitter to the pointer: the size is the clamped distance from the panel's far edge. */
  private dragTo(split: Split, x: number, y: number): void {
    if (split === 'side') {
      const r = this.right.getBoundingClientRect();
      const total = this.main.clientWidth - 12;
      this.sizes.side = this.clampPx('side', r.right - x - SPLITTER_PX / 2, total) / total;
    } else if (split === 'bottom') {
      const r = this.left.getBoundingClientRect();
      this.sizes.bottom = this.clampPx('bottom', r.bottom - y - SPLITTER_PX / 2, r.height) / r.height;
    } else {
      const r = this.right.getBoundingClientRect();
      this.sizes.program = this.clampPx('program', y - r.top - SPLITTER_PX / 2, r.height) / r.height;
    }
    this.apply();
  }
}
