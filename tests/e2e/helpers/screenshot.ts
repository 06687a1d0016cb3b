import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** Committed baselines; `UPDATE_SCREENSHOTS=1` rewrites them from the current build. */
export const BASELINES = 'tests/e2e/screenshots';
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';

/** A pixel differs when one of its channels (0–255) differs by more than this. */
const CHANNEL_TOLERANCE = 24;
/** The share of differing pixels a screenshot may have and still match (anti-aliasing noise). */
const MAX_DIFFERING_SHARE = 0.002;

export type PngComparison =
	| { sameSize: false; message: string }
	| { sameSize: true; differing: number; total: number; diff: PNG };

/**
 * Compares two PNGs pixel by pixel: counts the pixels where any RGBA channel differs by more
 * than `tolerance`, and paints them red on a faded copy of `expected` (the diff image).
 */
export function comparePngs(
	expected: Buffer,
	actual: Buffer,
	tolerance = CHANNEL_TOLERANCE
): PngComparison {
	const a = PNG.sync.read(expected);
	const b = PNG.sync.read(actual);
	if (a.width !== b.width || a.height !== b.height) {
		return {
			sameSize: false,
			message: `size ${b.width}×${b.height}, baseline ${a.width}×${a.height}`
		};
	}
	const diff = new PNG({ width: a.width, height: a.height });
	let differing = 0;
	for (let i = 0; i < a.data.length; i += 4) {
		let differs = false;
		for (let c = 0; c < 4; c++) {
			if (Math.abs(a.data[i + c]! - b.data[i + c]!) > tolerance) differs = true;
		}
		if (differs) differing++;
		const faded = 255 - Math.round((255 - a.data[i + 1]!) / 4);
		diff.data.set(differs ? [255, 0, 0, 255] : [faded, faded, faded, 255], i);
	}
	return { sameSize: true, differing, total: a.width * a.height, diff };
}

/**
 * Checks a screenshot against its committed baseline `tests/e2e/screenshots/<name>.png`; on a
 * mismatch writes the new image and the diff to the temp folder and names them in the error.
 * With `UPDATE_SCREENSHOTS=1` (or no baseline yet, which still fails) the baseline is written.
 */
export function expectScreenshot(name: string, png: Buffer): void {
	const baseline = join(BASELINES, `${name}.png`);
	if (UPDATE || !existsSync(baseline)) {
		mkdirSync(BASELINES, { recursive: true });
		writeFileSync(baseline, png);
		if (UPDATE) return;
		throw new Error(`no baseline for ${name}: wrote ${baseline}; check it and commit it`);
	}
	const result = comparePngs(readFileSync(baseline), png);
	const share = result.sameSize ? result.differing / result.total : 1;
	if (result.sameSize && share <= MAX_DIFFERING_SHARE) return;
	const out = join(tmpdir(), 'adoption-gap-screenshots');
	mkdirSync(out, { recursive: true });
	writeFileSync(join(out, `${name}.actual.png`), png);
	if (result.sameSize) writeFileSync(join(out, `${name}.diff.png`), PNG.sync.write(result.diff));
	const detail = result.sameSize
		? `${result.differing} of ${result.total} pixels differ (${(share * 100).toFixed(2)}%, limit ${MAX_DIFFERING_SHARE * 100}%)`
		: result.message;
	throw new Error(
		`screenshot ${name} does not match ${baseline}: ${detail}. New image and diff in ${out}; ` +
			'if the change is intended, run with UPDATE_SCREENSHOTS=1 and commit the baselines'
	);
}
