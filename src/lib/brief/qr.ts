import { encode } from 'uqr';

/** A QR code as one SVG path: `size` modules square (quiet zone included), dark modules in `d`. */
export interface QrPath {
	readonly size: number;
	readonly d: string;
}

/**
 * The QR code of `text` (error correction M, a four-module quiet zone as ISO/IEC 18004 asks) as
 * the outline of its dark modules in module units, so the page draws it with SVG attributes
 * only (no injected markup or style, which the CSP would restrict). Runs of dark modules in a
 * row become one rectangle.
 */
export function qrPath(text: string): QrPath {
	const { data, size } = encode(text, { ecc: 'M', border: 4 });
	const parts: string[] = [];
	data.forEach((row, y) => {
		let x = 0;
		while (x < size) {
			if (!row[x]) {
				x++;
				continue;
			}
			const start = x;
			while (x < size && row[x]) x++;
			parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
		}
	});
	return { size, d: parts.join('') };
}
