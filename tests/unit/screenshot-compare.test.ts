import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { comparePngs } from '../e2e/helpers/screenshot.ts';

/** A 4×2 grey PNG with pixel `changed` set to grey + `delta` in red. */
function png(changed: number | null = null, delta = 0, width = 4): Buffer {
	const image = new PNG({ width, height: 2 });
	for (let i = 0; i < width * 2; i++) {
		image.data.set([128 + (i === changed ? delta : 0), 128, 128, 255], i * 4);
	}
	return PNG.sync.write(image);
}

describe('comparePngs (the e2e screenshot check)', () => {
	it('finds no difference between identical images', () => {
		expect(comparePngs(png(), png())).toMatchObject({ sameSize: true, differing: 0, total: 8 });
	});

	it('counts a pixel whose channel moved beyond the tolerance, not one within it', () => {
		expect(comparePngs(png(), png(3, 30))).toMatchObject({ differing: 1 });
		expect(comparePngs(png(), png(3, 20))).toMatchObject({ differing: 0 });
	});

	it('reports a size change instead of comparing', () => {
		expect(comparePngs(png(), png(null, 0, 5))).toEqual({
			sameSize: false,
			message: 'size 5×2, baseline 4×2'
		});
	});
});
