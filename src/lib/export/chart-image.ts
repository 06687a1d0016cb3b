/**
 * A chart as a standalone image: its SVG marks under the chart's title and subtitle, above its
 * source line and data version, so a pasted image still says what it shows and where it is from.
 * This file is pure string building; `chart-image-dom.ts` captures the marks from the page.
 */

/** The words around an exported chart. */
export interface ImageCaption {
	readonly title: string;
	readonly subtitle: string;
	readonly source: string;
	readonly dataVersion: string;
}

/** One chart SVG, serialised, at its place (px) within the chart area. */
export interface PlacedSvg {
	readonly markup: string;
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

/** One legend entry: its swatch (a serialised 18 × 18 SVG) and its words. */
export interface LegendEntry {
	readonly swatch: string;
	readonly label: string;
}

export interface ChartImage {
	readonly svg: string;
	readonly width: number;
	readonly height: number;
}

export const IMAGE_FONT_FAMILY = 'Source Sans 3 Variable';
const MARGIN = 16;
const TEXT = { title: 18, subtitle: 13, legend: 12, source: 11 } as const;
/** A legend swatch's size, and the gaps after it and after each entry, in px. */
const SWATCH = 18;
const SWATCH_GAP = 5;
const ENTRY_GAP = 14;
const LINE_HEIGHT = 1.3;
/** Average glyph width of Source Sans 3 as a share of its size (for wrapping, conservative). */
const GLYPH_WIDTH = 0.52;

/** Coordinates to a tenth of a pixel, without floating-point noise in the markup. */
const px = (value: number) => Math.round(value * 10) / 10;

export function escapeXml(text: string): string {
	return text.replace(
		/[<>&"']/g,
		(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!
	);
}

/** Greedy word wrap to lines of at most `maxChars` characters (a longer word gets its own line). */
export function wrapWords(text: string, maxChars: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > maxChars) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	return line ? [...lines, line] : lines;
}

/**
 * Composes the image: caption lines wrapped to the width, the legend's entries in rows, the
 * charts below them at their places, and the source line with the data version at the bottom,
 * on a white background. `fontFace` is an optional `@font-face` rule embedding the font (an
 * image cannot load it).
 */
export function composeChartImage(
	caption: ImageCaption,
	charts: readonly PlacedSvg[],
	fontFace = '',
	legend: readonly LegendEntry[] = []
): ChartImage {
	const minX = Math.min(0, ...charts.map((c) => c.x));
	const minY = Math.min(0, ...charts.map((c) => c.y));
	const chartWidth = Math.max(0, ...charts.map((c) => c.x + c.width)) - minX;
	const chartHeight = Math.max(0, ...charts.map((c) => c.y + c.height)) - minY;
	const width = Math.ceil(Math.max(chartWidth, 320) + 2 * MARGIN);
	const parts: string[] = [];
	let y = MARGIN;
	const block = (text: string, size: number, className: string) => {
		const maxChars = Math.floor((width - 2 * MARGIN) / (size * GLYPH_WIDTH));
		for (const line of wrapWords(text, maxChars)) {
			y += size * LINE_HEIGHT;
			parts.push(`<text class="${className}" x="${MARGIN}" y="${px(y)}">${escapeXml(line)}</text>`);
		}
	};
	block(caption.title, TEXT.title, 'title');
	block(caption.subtitle, TEXT.subtitle, 'subtitle');
	if (legend.length) {
		y += MARGIN / 2;
		let x = MARGIN;
		const rowHeight = SWATCH + 4;
		for (const entry of legend) {
			const entryWidth = SWATCH + SWATCH_GAP + entry.label.length * TEXT.legend * GLYPH_WIDTH;
			if (x > MARGIN && x + entryWidth > width - MARGIN) {
				x = MARGIN;
				y += rowHeight;
			}
			const swatch = entry.swatch.replace(/^<svg\b/, `<svg x="${px(x)}" y="${px(y)}"`);
			const baseline = y + SWATCH / 2 + TEXT.legend * 0.35;
			parts.push(
				swatch,
				`<text class="legend" x="${px(x + SWATCH + SWATCH_GAP)}" y="${px(baseline)}">${escapeXml(entry.label)}</text>`
			);
			x += entryWidth + ENTRY_GAP;
		}
		y += rowHeight;
	}
	y += MARGIN / 2;
	const top = y;
	for (const c of charts) {
		parts.push(
			`<g transform="translate(${px(MARGIN + c.x - minX)} ${px(top + c.y - minY)})">${c.markup.replace(/^<svg\b/, `<svg x="0" y="0"`)}</g>`
		);
	}
	y = top + chartHeight + MARGIN / 2;
	block(`Source: ${caption.source}. Data version ${caption.dataVersion}.`, TEXT.source, 'source');
	const height = Math.ceil(y + MARGIN);
	const style =
		`${fontFace}text{font-family:'${IMAGE_FONT_FAMILY}',system-ui,sans-serif;fill:#1a1a1a}` +
		`.title{font-size:${TEXT.title}px;font-weight:650}.subtitle{font-size:${TEXT.subtitle}px;fill:#4a4a4a}` +
		`.legend{font-size:${TEXT.legend}px}.source{font-size:${TEXT.source}px;fill:#4a4a4a}`;
	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
		`<title>${escapeXml(caption.title)}</title><style>${style}</style>` +
		`<rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}</svg>`;
	return { svg, width, height };
}

/** A file name that says what the image shows, its data version and the day it was saved. */
export function imageFileName(
	title: string,
	dataVersion: string,
	date: string,
	ext: string
): string {
	const slug = title
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60);
	return `adoption-gap_${slug || 'chart'}_${dataVersion}_${date}.${ext}`;
}
