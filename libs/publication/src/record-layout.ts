/**
 * The record's page layout: its fonts (IBM Plex Sans, embedded), colours and margins, and the
 * PageWriter that flows headings, paragraphs, lists and tables over the pages.
 */
import { dirname, join } from 'node:path';
import type { translator } from './record-catalogue';
import { loadWoffFont } from './woff-font';

const FONT_DIR = join(dirname(require.resolve('@ibm/plex-sans/package.json')), 'fonts/complete/woff');
/** The fonts, unwrapped from WOFF on first use and kept: every record embeds subsets of them. */
let loaded: { regular: Buffer; bold: Buffer } | undefined;
export const fonts = () =>
  (loaded ??= {
    regular: loadWoffFont(join(FONT_DIR, 'IBMPlexSans-Regular.woff')),
    bold: loadWoffFont(join(FONT_DIR, 'IBMPlexSans-Bold.woff')),
  });
export const REGULAR = 'PlexSans';
export const BOLD = 'PlexSans-Bold';

export const INK = '#1a1a1a';
export const MUTED = '#5a6472';
export const ACCENT = '#1f4e79';
export const UN_BLUE = '#009edb';
export const RULE = '#b8c2cc';
export const SHADE = '#f2f5f8';

export const MARGIN = { top: 64, bottom: 72, left: 62, right: 62 };
const CELL_PADDING = 4;

export type Translate = ReturnType<typeof translator>;

export interface Column {
  header: string;
  width: number;
}

/** The cursor over the pages: headings that keep with what follows, paragraphs, lists and tables. */
export class PageWriter {
  readonly left = MARGIN.left;
  readonly width: number;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly t: Translate,
  ) {
    this.width = doc.page.width - MARGIN.left - MARGIN.right;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  heading(text: string, level: 1 | 2 | 3): void {
    const size = level === 1 ? 15 : level === 2 ? 12 : 10;
    const before = level === 1 ? 18 : level === 2 ? 12 : 8;
    if (this.y > MARGIN.top) this.y += before;
    // A heading never ends a page: keep it with at least three lines of what follows.
    this.ensureSpace(size * 1.4 + 40);
    this.doc
      .font(BOLD)
      .fontSize(size)
      .fillColor(level === 3 ? INK : ACCENT);
    this.doc.text(text, this.left, this.y, { width: this.width });
    if (level === 1) {
      const y = this.y + 2;
      this.doc
        .moveTo(this.left, y)
        .lineTo(this.left + this.width, y)
        .lineWidth(0.8)
        .strokeColor(ACCENT)
        .stroke();
      this.y = y + 10;
    } else {
      this.y += 3;
    }
  }

  paragraph(text: string, options: { size?: number; color?: string; font?: string; after?: number } = {}): void {
    this.doc
      .font(options.font ?? REGULAR)
      .fontSize(options.size ?? 9.5)
      .fillColor(options.color ?? INK);
    this.doc.text(text, this.left, this.y, { width: this.width, lineGap: 2, paragraphGap: 5 });
    this.y += options.after ?? 4;
  }

  bullets(items: string[], empty: string): void {
    if (items.length === 0) return this.paragraph(empty, { color: MUTED });
    this.doc.font(REGULAR).fontSize(9.5).fillColor(INK);
    for (const item of items) {
      this.ensureSpace(14);
      const top = this.y;
      this.doc.text('•', this.left + 4, top, { width: 10, lineBreak: false });
      this.doc.text(item, this.left + 16, top, { width: this.width - 16, lineGap: 2 });
      this.y += 3;
    }
    this.y += 2;
  }

  /**
   * A table with rules: the header repeats on each page it spans, and a row taller than the room
   * left is split between pages at a word, so no text is ever cut or overlaps the footer.
   */
  table(columns: Column[], rows: string[][], options: { size?: number; shadeFirstColumn?: boolean } = {}): void {
    const size = options.size ?? 8;
    const header = () => {
      const height = Math.max(...columns.map((column) => this.cellHeight(column.header, column.width, size, BOLD)));
      const top = this.y;
      this.doc.rect(this.left, top, this.width, height).fill(SHADE);
      this.drawRow(
        columns,
        columns.map((column) => column.header),
        top,
        size,
        BOLD,
      );
      this.rule(top, 0.8, ACCENT);
      this.rule(top + height, 0.8, ACCENT);
      this.y = top + height;
    };
    this.ensureSpace(60);
    header();
    for (const row of rows) {
      let cells = row;
      while (cells.some((cell) => cell.length > 0)) {
        const height = Math.max(...cells.map((cell, i) => this.cellHeight(cell, columns[i].width, size, REGULAR)));
        const room = this.bottom - this.y;
        const fullPage = this.bottom - MARGIN.top - 40;
        if (height <= room) {
          const top = this.y;
          this.drawRow(columns, cells, top, size, REGULAR);
          this.y = top + height;
          this.rule(this.y, 0.4, RULE);
          break;
        }
        if (height <= fullPage || room < 4 * size) {
          this.newPage();
          header();
          continue;
        }
        // Taller than what is left of the page: draw what fits, carry the rest over.
        const split = cells.map((cell, i) => this.splitToFit(cell, columns[i].width, size, room));
        const partHeight = Math.max(
          ...split.map(([head], i) => this.cellHeight(head, columns[i].width, size, REGULAR)),
        );
        const top = this.y;
        this.drawRow(
          columns,
          split.map(([head]) => head),
          top,
          size,
          REGULAR,
        );
        this.y = top + partHeight;
        this.rule(this.y, 0.4, RULE);
        cells = split.map(([, tail]) => tail);
        this.newPage();
        header();
      }
    }
    this.y += 8;
  }

  private rule(y: number, width: number, color: string): void {
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke();
  }

  private drawRow(columns: Column[], cells: string[], top: number, size: number, font: string): void {
    let x = this.left;
    this.doc.font(font).fontSize(size).fillColor(INK);
    columns.forEach((column, i) => {
      if (cells[i]) {
        this.doc.text(cells[i], x + CELL_PADDING, top + CELL_PADDING, {
          width: column.width - 2 * CELL_PADDING,
          lineGap: 1,
        });
      }
      x += column.width;
    });
  }

  private cellHeight(text: string, width: number, size: number, font: string): number {
    if (!text) return 0;
    this.doc.font(font).fontSize(size);
    return this.doc.heightOfString(text, { width: width - 2 * CELL_PADDING, lineGap: 1 }) + 2 * CELL_PADDING;
  }

  /** The longest run of whole words of `text` that fits in `height`, and the rest. */
  private splitToFit(text: string, width: number, size: number, height: number): [string, string] {
    if (this.cellHeight(text, width, size, REGULAR) <= height) return [text, ''];
    const words = text.split(/(?<=\s)/);
    let low = 0;
    let high = words.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.cellHeight(words.slice(0, middle).join(''), width, size, REGULAR) <= height) low = middle;
      else high = middle - 1;
    }
    const count = Math.max(low, 0);
    return [words.slice(0, count).join('').trimEnd(), words.slice(count).join('')];
  }
}
