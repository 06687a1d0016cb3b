import fontUrl from '@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2?url';
import {
	composeChartImage,
	IMAGE_FONT_FAMILY,
	type ChartImage,
	type ImageCaption,
	type LegendEntry,
	type PlacedSvg
} from './chart-image.ts';

/** Presentation properties copied from the page's styles onto each exported element. */
const STYLE_PROPERTIES = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-opacity',
	'stroke-linecap',
	'stroke-linejoin',
	'paint-order',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'font-style',
	'text-anchor',
	'dominant-baseline',
	'visibility',
	'display'
] as const;

/** Copies the computed presentation styles of `source` and its descendants onto `copy`. */
function inlineStyles(source: Element, copy: Element): void {
	const computed = getComputedStyle(source);
	const style = STYLE_PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
	copy.setAttribute('style', style);
	copy.removeAttribute('class');
	copy.removeAttribute('tabindex');
	for (let i = 0; i < source.children.length; i++) {
		inlineStyles(source.children[i]!, copy.children[i]!);
	}
}

/**
 * The chart's outermost SVGs, serialised with their styles, placed relative to `view`. Each is
 * widened to its content's bounding box, so axis labels drawn outside the plot area are kept.
 */
export function captureSvgs(view: HTMLElement): PlacedSvg[] {
	const origin = view.getBoundingClientRect();
	const svgs = [...view.querySelectorAll('svg')].filter(
		(svg) => !svg.parentElement?.closest('svg')
	);
	return svgs.map((svg) => {
		const box = svg.getBoundingClientRect();
		const content = svg.getBBox();
		const left = Math.floor(Math.min(0, content.x));
		const top = Math.floor(Math.min(0, content.y));
		const width = Math.ceil(Math.max(box.width, content.x + content.width)) - left;
		const height = Math.ceil(Math.max(box.height, content.y + content.height)) - top;
		const copy = svg.cloneNode(true) as SVGSVGElement;
		inlineStyles(svg, copy);
		copy.setAttribute('width', String(width));
		copy.setAttribute('height', String(height));
		copy.setAttribute('viewBox', `${left} ${top} ${width} ${height}`);
		return {
			markup: new XMLSerializer().serializeToString(copy),
			x: box.left - origin.left + left,
			y: box.top - origin.top + top,
			width,
			height
		};
	});
}

/** The legend's entries (`Legend.svelte`: a swatch SVG and words per item), styles inlined. */
export function captureLegend(legend: HTMLElement | undefined): LegendEntry[] {
	if (!legend) return [];
	return [...legend.querySelectorAll('li')].flatMap((item) => {
		const svg = item.querySelector('svg');
		if (!svg) return [];
		const copy = svg.cloneNode(true) as SVGSVGElement;
		inlineStyles(svg, copy);
		copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
		return [
			{
				swatch: new XMLSerializer().serializeToString(copy),
				label: item.textContent?.trim() ?? ''
			}
		];
	});
}

let fontFace: Promise<string> | undefined;

/** The bundled font as an `@font-face` rule with a data URL (an SVG image cannot fetch it). */
function embeddedFontFace(): Promise<string> {
	fontFace ??= fetch(fontUrl)
		.then((response) => response.blob())
		.then(
			(blob) =>
				new Promise<string>((resolve, reject) => {
					const reader = new FileReader();
					reader.onload = () => resolve(String(reader.result));
					reader.onerror = () => reject(reader.error);
					reader.readAsDataURL(blob);
				})
		)
		.then((dataUrl) => `@font-face{font-family:'${IMAGE_FONT_FAMILY}';src:url(${dataUrl})}`)
		.catch(() => '');
	return fontFace;
}

/** The chart in `view` as a standalone SVG image with its caption, legend and embedded font. */
export async function chartImage(
	view: HTMLElement,
	caption: ImageCaption,
	legend?: HTMLElement
): Promise<ChartImage> {
	return composeChartImage(
		caption,
		captureSvgs(view),
		await embeddedFontFace(),
		captureLegend(legend)
	);
}

/** Rasterises an image at `scale` device pixels per CSS pixel. */
export async function toPng(image: ChartImage, scale = 2): Promise<Blob> {
	const img = new Image();
	img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(image.svg)}`;
	await img.decode();
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(image.width * scale);
	canvas.height = Math.round(image.height * scale);
	const context = canvas.getContext('2d')!;
	context.scale(scale, scale);
	context.drawImage(img, 0, 0, image.width, image.height);
	return new Promise((resolve, reject) =>
		canvas.toBlob(
			(blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed.'))),
			'image/png'
		)
	);
}
