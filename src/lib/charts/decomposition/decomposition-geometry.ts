import type { ScaleLogarithmic } from 'd3';
import { ratio, textWidth } from '../format.ts';
import { LABEL_GAP } from '../labels.ts';
import { px } from '../scales.ts';

/** The access–conversion decomposition of a use gap (`decomposeUseGap`'s fields the chart reads). */
export interface DecompositionLike {
	/** (L_H/E_H) / (L_L/E_L): licensed per enrolled, focus over reference group. */
	readonly access_ratio: number;
	/** (D_H/L_H) / (D_L/L_L): met dosage per licensed. */
	readonly conversion_ratio: number;
	/** access_ratio × conversion_ratio: met dosage per enrolled. */
	readonly use_ratio: number;
	/** ln AR / ln UR; null when UR = 1. */
	readonly access_share: number | null;
	readonly conversion_share: number | null;
}

/** Rows of the waterfall, top to bottom. */
export const DECOMPOSITION_ROWS = [
	{ id: 'access', label: 'Access', detail: 'licensed ÷ enrolled' },
	{ id: 'conversion', label: 'Use once licensed', detail: 'met dosage ÷ licensed' },
	{ id: 'use', label: 'Whole gap', detail: 'met dosage ÷ enrolled' }
] as const;

/** Per row: the part and its share, what it divides, then the bar. */
export const ROW_HEIGHT = 64;
export const BAR_HEIGHT = 16;

/** One segment of the waterfall, placed. */
export interface DecompositionBar {
	readonly id: string;
	/** "Access: 78% of the gap". */
	readonly title: string;
	/** "licensed ÷ enrolled". */
	readonly detail: string;
	readonly labelY: number;
	readonly detailY: number;
	readonly y: number;
	readonly x0: number;
	readonly x1: number;
	readonly text: string;
	readonly textX: number;
	readonly anchor: 'start' | 'end';
	readonly share: number | null;
}

/**
 * The domain of a log ratio axis symmetric about parity (1×) that holds every ratio and running
 * product of the waterfall with 15% room (at least 0.77–1.29×): equal distances mean equal
 * factors, so the access and use segments add up to the whole gap.
 */
export function ratioDomain(d: DecompositionLike): [number, number] {
	const logs = [d.access_ratio, d.use_ratio].map((r) => Math.abs(Math.log(r)));
	const reach = Math.exp(Math.max(...logs, Math.log(1.25)) * 1.15);
	return [1 / reach, reach];
}

/**
 * Ticks of a ratio axis inside its domain: ¼×, ½×, ¾×, 1×, 1.5×, 2×, 4×, or without ¾× and 1.5×
 * when the axis is under 480 px wide (their labels would touch parity's).
 */
export function ratioTicks(scale: ScaleLogarithmic<number, number>, width: number): number[] {
	const [lo, hi] = scale.domain() as [number, number];
	const ticks = width < 480 ? [0.25, 0.5, 1, 2, 4] : [0.25, 0.5, 0.75, 1, 1.5, 2, 4];
	return ticks.filter((t) => t >= lo && t <= hi);
}

/** The share of the log gap, as words: "24% of the gap", "narrows the gap by 11%". */
export function shareText(share: number | null): string {
	if (share === null) return '';
	const percentage = Math.round(Math.abs(share) * 100);
	return share < 0 ? `narrows the gap by ${percentage}%` : `${percentage}% of the gap`;
}

function outside(x0: number, x1: number, text: string, width: number) {
	const [left, right] = [Math.min(x0, x1), Math.max(x0, x1)];
	const w = textWidth(text);
	const preferLeft = x1 < x0;
	const fitsLeft = left - LABEL_GAP - w >= 0;
	const fitsRight = right + LABEL_GAP + w <= width;
	if ((preferLeft && fitsLeft) || !fitsRight) {
		return { textX: left - LABEL_GAP, anchor: 'end' as const };
	}
	return { textX: right + LABEL_GAP, anchor: 'start' as const };
}

/**
 * The waterfall: access from 1× to AR, use once licensed from AR to AR × CR = UR, and the whole
 * gap from 1× to UR. Each row is titled with its share of the (log) gap and labelled with its
 * factor, on the side of the bar away from parity when there is room.
 */
export function decompositionBars(
	d: DecompositionLike,
	x: ScaleLogarithmic<number, number>,
	width: number
): DecompositionBar[] {
	const spans = {
		access: [1, d.access_ratio, d.access_share],
		conversion: [d.access_ratio, d.use_ratio, d.conversion_share],
		use: [1, d.use_ratio, null]
	} as const;
	const factors = { access: d.access_ratio, conversion: d.conversion_ratio, use: d.use_ratio };
	return DECOMPOSITION_ROWS.map((row, i) => {
		const [from, to, share] = spans[row.id];
		const [x0, x1] = [px(x(from)), px(x(to))];
		const shareWords = shareText(share);
		const text = ratio(factors[row.id]);
		return {
			id: row.id,
			title: shareWords ? `${row.label}: ${shareWords}` : row.label,
			detail: row.detail,
			labelY: i * ROW_HEIGHT + 14,
			detailY: i * ROW_HEIGHT + 30,
			y: i * ROW_HEIGHT + 38,
			x0,
			x1,
			text,
			share,
			...outside(x0, x1, text, width)
		};
	});
}
