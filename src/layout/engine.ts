/**
 * The layout engine: places a page's stories on the column grid as a layout editor would, and
 * deterministically (same stories, same page). The page is cut into horizontal bands: the lead
 * (头条) across the top with its comment box beside it, then bands of modules side by side —
 * a story with its attached boxes, or the day's briefs stacked in one column. Within a band the
 * columns are shared out so that the modules come out the same height; then every band is
 * stretched to fill the page, so the boxes tile the type area with no holes and no overlaps.
 */
import type { PageGeometry } from "./geometry.ts";
import { contentRows, MAX_ROWS } from "./geometry.ts";
import { leadingPercent, storyShape, textColumns, TYPE, type LayoutStory, type StoryShape } from "./measure.ts";

export interface Box {
  readonly slug: string;
  /** First grid column and row, from 0. */
  readonly column: number;
  readonly row: number;
  readonly columns: number;
  readonly rows: number;
  /** Rows the story's text needs in this width. */
  readonly needed: number;
  readonly textColumns: number;
  /** Set as a lead (头条) headline. */
  readonly lead: boolean;
  /** Leading of the body in percent of the body line: over 100 where the box has rows to spare. */
  readonly leading: number;
}

export interface Overflow {
  readonly slug: string;
  /** Lines of text that do not fit the story's box (or the page). */
  readonly lines: number;
  readonly reason: "box" | "page";
}

export interface PageLayout {
  readonly columns: number;
  /** Rows the page holds. */
  readonly rows: number;
  /** Rows the boxes take: `rows`, or more when the stories do not fit. */
  readonly usedRows: number;
  /** In print reading order: band by band, left to right, top to bottom within a stack. */
  readonly boxes: readonly Box[];
  readonly overflows: readonly Overflow[];
}

interface StoryModule {
  readonly kind: "story";
  readonly story: LayoutStory;
  readonly attached: readonly LayoutStory[];
  readonly lead: boolean;
}
interface StackModule {
  readonly kind: "stack";
  readonly stories: readonly LayoutStory[];
}
type Module = StoryModule | StackModule;

/** A module placed in a band: its width, and how tall it must be. */
interface Slot {
  readonly module: Module;
  readonly columns: number;
}

const BRIEF_TYPES = new Set(["brief", "notice"]);
/** Lines a text column should hold at least when a story is set in several. */
const SHALLOW_LINES = 8;

export function layoutPage(stories: readonly LayoutStory[], geometry: PageGeometry, frontPage: boolean): PageLayout {
  const engine = new Engine(geometry);
  return engine.layout(stories, contentRows(geometry, frontPage));
}

class Engine {
  private readonly columns: number;
  private readonly shapes = new Map<LayoutStory, StoryShape[]>();
  constructor(private readonly geometry: PageGeometry) {
    this.columns = geometry.columns;
  }

  /** How a story sets at a width; memoised (per story, by width and headline) because band choice tries many widths. */
  private shapeOf(story: LayoutStory, columns: number, lead: boolean): StoryShape {
    let shapes = this.shapes.get(story);
    if (!shapes) {
      shapes = [];
      this.shapes.set(story, shapes);
    }
    const key = columns * 2 + (lead ? 1 : 0);
    let shape = shapes[key];
    if (shape === undefined) {
      shape = storyShape(story, columns, this.geometry, lead ? TYPE.headline.lead : TYPE.headline[story.type]);
      shapes[key] = shape;
    }
    return shape;
  }

  private rowsOf(story: LayoutStory, columns: number, lead: boolean): number {
    return this.shapeOf(story, columns, lead).rows;
  }

  /** Width of the column of boxes attached beside a story in a module `columns` wide. */
  private attachedWidth(module: StoryModule, columns: number): number {
    if (module.attached.length === 0) return 0;
    return columns >= 7 ? 2 : 1;
  }

  private need(module: Module, columns: number): number {
    if (module.kind === "stack") return module.stories.reduce((sum, story) => sum + this.rowsOf(story, columns, false), 0);
    const fixedLines = module.story.placement?.lines;
    const side = this.attachedWidth(module, columns);
    const main = fixedLines ?? this.rowsOf(module.story, columns - side, module.lead);
    const boxes = module.attached.reduce((sum, box) => sum + this.rowsOf(box, side, false), 0);
    return Math.max(main, boxes);
  }

  /** Lines of text per column of the module's main story (of the whole stack). */
  private textLines(module: Module, columns: number): number {
    if (module.kind === "stack") return module.stories.reduce((sum, story) => sum + this.shapeOf(story, columns, false).bodyLines, 0);
    return this.shapeOf(module.story, columns - this.attachedWidth(module, columns), module.lead).bodyLines;
  }

  /** Text set across many columns only a few lines deep reads badly: a charge per missing line per text column. */
  private shallowCost(module: Module, columns: number): number {
    if (module.kind === "stack" || module.lead) return 0;
    const story = module.story;
    const count = textColumns(story, columns - this.attachedWidth(module, columns));
    if (count < 2) return 0;
    const missing = Math.max(0, SHALLOW_LINES - this.textLines(module, columns));
    return missing * count * 2;
  }

  private widthRange(module: Module): readonly [number, number] {
    const c = this.columns;
    if (module.kind === "stack") return [1, c >= 9 ? 2 : 1];
    const fixed = module.story.placement?.columns;
    if (fixed !== undefined) return [Math.min(fixed, c), Math.min(fixed, c)];
    const side = module.attached.length ? (c >= 7 ? 2 : 1) : 0;
    const type = module.story.type;
    if (BRIEF_TYPES.has(type)) return [1 + side, 2 + side];
    const min = Math.min((c >= 6 ? 2 : 1) + side, c);
    // A short story set across the whole page reads badly: at most two columns over its natural width.
    return [min, Math.max(min, Math.min(c, this.naturalWidth(module, side) + 2))];
  }

  /** The width a layout editor would give the module by its length (attached boxes included). */
  private idealWidth(module: Module): number {
    const [min, max] = this.widthRange(module);
    if (module.kind === "stack") return min;
    return Math.max(min, Math.min(max, this.naturalWidth(module, this.attachedWidth(module, this.columns))));
  }

  private naturalWidth(module: StoryModule, side: number): number {
    const story = module.story;
    const chars = story.blocks.reduce((sum, block) => sum + block.text.length, 0);
    let ideal = chars <= 450 ? 2 : chars <= 1000 ? 3 : chars <= 1600 ? 4 : 5;
    if (story.type === "photo") ideal = story.images.length ? 4 : 2;
    return Math.max(1, Math.round((ideal * this.columns) / 8)) + side;
  }

  /** Groups the stories into modules in print order; the briefs go together where the first one was. */
  private modules(stories: readonly LayoutStory[]): Module[] {
    const attached = new Map<string, LayoutStory[]>();
    const slugs = new Set(stories.map((story) => story.slug));
    for (const story of stories) {
      if (story.attachedTo && slugs.has(story.attachedTo)) attached.set(story.attachedTo, [...(attached.get(story.attachedTo) ?? []), story]);
    }
    const modules: Module[] = [];
    const briefs: LayoutStory[] = [];
    let briefIndex = -1;
    let leadTaken = false;
    for (const story of stories) {
      if (story.attachedTo && slugs.has(story.attachedTo)) continue;
      const placement = story.placement;
      const own = attached.get(story.slug) ?? [];
      if (BRIEF_TYPES.has(story.type) && !placement && own.length === 0) {
        if (briefIndex < 0) {
          briefIndex = modules.length;
          modules.push({ kind: "stack", stories: briefs });
        }
        briefs.push(story);
        continue;
      }
      const lead = !leadTaken && (placement?.slot === "头条" || (story.type === "lead" && placement === undefined));
      if (lead) leadTaken = true;
      modules.push({ kind: "story", story, attached: own, lead });
    }
    // The lead goes first whatever its order.
    const leadIndex = modules.findIndex((module) => module.kind === "story" && module.lead);
    if (leadIndex > 0) modules.unshift(...modules.splice(leadIndex, 1));
    return modules;
  }

  layout(stories: readonly LayoutStory[], rows: number): PageLayout {
    const bands = this.bands(this.modules(stories), rows);
    const heights = bands.map((band) => Math.max(...band.map((slot) => this.need(slot.module, slot.columns))));
    const needed = heights.reduce((sum, height) => sum + height, 0);
    // Bands holding a box the editor gave a height keep it; the others take up the page's slack.
    const fixed = bands.map((band) => band.some((slot) => slot.module.kind === "story" && slot.module.story.placement?.lines !== undefined));
    // Spare rows go where there is text to open up (撑版): in proportion to each band's shortest column of text.
    const weights = bands.map((band) => Math.min(...band.map((slot) => this.textLines(slot.module, slot.columns))));
    const finalHeights = needed < rows ? stretch(heights, rows, fixed, weights) : heights;
    const boxes: Box[] = [];
    let top = 0;
    bands.forEach((band, index) => {
      const height = Math.min(finalHeights[index]!, MAX_ROWS - top);
      let left = 0;
      for (const slot of band) {
        boxes.push(...this.place(slot, left, top, height));
        left += slot.columns;
      }
      top += height;
    });
    const usedRows = Math.max(rows, top);
    const overflows: Overflow[] = [];
    for (const box of boxes) {
      if (box.needed > box.rows) overflows.push({ slug: box.slug, lines: box.needed - box.rows, reason: "box" });
      else if (box.row + box.rows > rows) overflows.push({ slug: box.slug, lines: Math.min(box.rows, box.row + box.rows - rows), reason: "page" });
    }
    return { columns: this.columns, rows, usedRows, boxes, overflows };
  }

  /** Boxes of one module in a band `height` rows tall. */
  private place(slot: Slot, column: number, row: number, height: number): Box[] {
    const module = slot.module;
    const box = (story: LayoutStory, left: number, top: number, columns: number, rows: number, lead: boolean): Box => {
      const shape = this.shapeOf(story, columns, lead);
      return {
        slug: story.slug,
        column: left,
        row: top,
        columns,
        rows,
        needed: shape.rows,
        textColumns: textColumns(story, columns),
        lead,
        leading: leadingPercent(rows, shape.rows, shape.bodyLines),
      };
    };
    if (module.kind === "stack") {
      const rows = stretch(module.stories.map((story) => this.rowsOf(story, slot.columns, false)), height);
      let top = row;
      return module.stories.map((story, index) => {
        const placed = box(story, column, top, slot.columns, rows[index]!, false);
        top += rows[index]!;
        return placed;
      });
    }
    const side = this.attachedWidth(module, slot.columns);
    const main = box(module.story, column, row, slot.columns - side, height, module.lead);
    if (!side) return [main];
    const rows = stretch(module.attached.map((story) => this.rowsOf(story, side, false)), height);
    let top = row;
    return [
      main,
      ...module.attached.map((story, index) => {
        const placed = box(story, column + slot.columns - side, top, side, rows[index]!, false);
        top += rows[index]!;
        return placed;
      }),
    ];
  }

  /** The bands that can start at `index`: one to five modules side by side, each split at its best. */
  private bandsFrom(modules: readonly Module[], index: number): { slots: Slot[]; height: number; cost: number }[] {
    const first = modules[index]!;
    if (first.kind === "story" && (first.lead || first.story.placement?.slot === "通栏")) {
      const slots = [{ module: first, columns: this.columns }];
      return [{ slots, height: this.need(first, this.columns), cost: 0 }];
    }
    const options: { slots: Slot[]; height: number; cost: number }[] = [];
    let minimum = 0;
    for (let count = 1; count <= 5 && index + count <= modules.length; count++) {
      const module = modules[index + count - 1]!;
      if (count > 1 && module.kind === "story" && (module.lead || module.story.placement?.slot === "通栏")) break;
      minimum += this.widthRange(module)[0];
      if (minimum > this.columns) break;
      const choice = this.bestWidths(modules.slice(index, index + count));
      if (choice) options.push(choice);
    }
    // A module wider than the page still gets a band of its own, at full width.
    if (options.length === 0) {
      const height = this.need(first, this.columns);
      options.push({ slots: [{ module: first, columns: this.columns }], height, cost: 0.25 * Math.abs(this.columns - this.idealWidth(first)) * height + this.shallowCost(first, this.columns) });
    }
    return options;
  }

  /**
   * Cuts the modules, in order, into bands. Among all cuts it takes the one with the least white:
   * white inside bands (modules shorter than their band) plus the white of stretching the bands
   * to the page's height; running over the page costs four times as much as white.
   */
  private bands(modules: readonly Module[], rows: number): Slot[][] {
    interface State { readonly cost: number; readonly bands: readonly Slot[][] }
    // states[i]: height used by modules[0..i) → the cheapest way to get there.
    const states: Map<number, State>[] = modules.map(() => new Map());
    states.push(new Map());
    states[0]!.set(0, { cost: 0, bands: [] });
    const cap = rows * 3;
    for (let index = 0; index < modules.length; index++) {
      const here = states[index]!;
      if (here.size === 0) continue;
      const options = this.bandsFrom(modules, index);
      for (const [height, state] of here) {
        for (const option of options) {
          const next = Math.min(cap, height + option.height);
          const target = states[index + option.slots.length]!;
          const cost = state.cost + option.cost;
          const known = target.get(next);
          if (!known || cost < known.cost - 1e-9) target.set(next, { cost, bands: [...state.bands, option.slots] });
        }
      }
    }
    let best: State | undefined;
    let bestCost = Infinity;
    for (const [height, state] of [...states[modules.length]!].sort((a, b) => a[0] - b[0])) {
      const cost = state.cost + (height <= rows ? (rows - height) * this.columns : (height - rows) * this.columns * 4);
      if (cost < bestCost - 1e-9) {
        best = state;
        bestCost = cost;
      }
    }
    return best ? [...best.bands] : [];
  }

  /** The split of the page's columns among `modules` that leaves the least white in the band. */
  private bestWidths(modules: readonly Module[]): { slots: Slot[]; height: number; cost: number } | undefined {
    const ranges = modules.map((module) => this.widthRange(module));
    const ideals = modules.map((module) => this.idealWidth(module));
    let best: { slots: Slot[]; height: number; cost: number } | undefined;
    const widths: number[] = [];
    const visit = (position: number, remaining: number) => {
      if (position === modules.length - 1) {
        const [min, max] = ranges[position]!;
        if (remaining < min || remaining > max) return;
        widths.push(remaining);
        const needs = modules.map((module, index) => this.need(module, widths[index]!));
        const height = Math.max(...needs);
        // White cells left in the band, and a charge for straying from each module's natural width.
        const white = needs.reduce((sum, need, index) => sum + (height - need) * widths[index]!, 0);
        const drift = widths.reduce((sum, width, index) => sum + Math.abs(width - ideals[index]!), 0);
        const shallow = modules.reduce((sum, module, index) => sum + this.shallowCost(module, widths[index]!), 0);
        const cost = white + 0.25 * drift * height + shallow;
        if (!best || cost < best.cost - 1e-9) best = { slots: modules.map((module, index) => ({ module, columns: widths[index]! })), height, cost };
        widths.pop();
        return;
      }
      const [min, max] = ranges[position]!;
      for (let width = min; width <= Math.min(max, remaining); width++) {
        widths.push(width);
        visit(position + 1, remaining - width);
        widths.pop();
      }
    };
    visit(0, this.columns);
    return best;
  }
}

/**
 * Grows `heights` to add up to `total`, in proportion to `weights` (the heights by default), rows
 * left over by rounding going to the largest remainders. `fixed` ones keep their height unless all are fixed.
 */
export function stretch(heights: readonly number[], total: number, fixed: readonly boolean[] = [], weights: readonly number[] = heights): number[] {
  const sum = heights.reduce((a, b) => a + b, 0);
  if (sum >= total || heights.length === 0) return [...heights];
  const growable = heights.map((_, index) => !fixed[index]);
  if (!growable.some(Boolean)) growable.fill(true);
  let weight = heights.map((height, index) => (growable[index] ? Math.max(0, weights[index] ?? height) : 0));
  if (weight.every((value) => value === 0)) weight = heights.map((height, index) => (growable[index] ? Math.max(1, height) : 0));
  const base = weight.reduce((a, b) => a + b, 0);
  const extra = total - sum;
  const exact = weight.map((value) => (extra * value) / base);
  const result = heights.map((height, index) => height + Math.floor(exact[index]!));
  let left = total - result.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, rest: value - Math.floor(value) })).filter((item) => growable[item.index]).sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (let at = 0; left > 0; at = (at + 1) % order.length, left--) result[order[at]!.index]! += 1;
  return result;
}
