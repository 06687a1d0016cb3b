import type { DisplayValue } from '../disclosure/display-value.ts';
import type { DataOrigin } from '../disclosure/view.ts';
import {
	fitExpectedLine,
	residualOf,
	type ExpectedLine,
	type Residual
} from '../metrics/outcome/expected-line.ts';
import { discloseDistrictRates, exact } from './compare-model.ts';
import { districtLabel } from './district-search.ts';
import type { OutcomeData, OutcomeKind } from './outcome-data.ts';

/** A district drawn on the plot (its outcome shown exactly). */
export interface OutcomePointRow {
	readonly leaid: string;
	readonly x: number;
	readonly y: number;
}

/** A picked district on the plot: where it sits and how far from the line. */
export interface OutcomeSelected {
	readonly leaid: string;
	readonly label: string;
	/** Its poverty percentile; null when it has no poverty measure or size. */
	readonly x: number | null;
	readonly value: DisplayValue;
	/** Its own interval (dosage: Wilson 95%); null for a yes/no answer or a hidden rate. */
	readonly lo: number | null;
	readonly hi: number | null;
	/** Null when there is no line, no percentile or no value shown exactly. */
	readonly residual: Residual | null;
}

export interface OutcomeModel {
	readonly kind: OutcomeKind;
	readonly points: readonly OutcomePointRow[];
	readonly line: ExpectedLine | null;
	readonly selected: readonly OutcomeSelected[];
	/** Districts with an outcome that could not be drawn (withheld, coded, or no percentile). */
	readonly notDrawn: number;
}

function notSurveyed(): DisplayValue {
	return { status: 'missing', reason: 'not_surveyed' };
}

/**
 * The poverty-vs-outcome plot: each district's outcome against its national poverty percentile,
 * the expected line (`fitExpectedLine`: OLS of the outcome on the percentile, districts counted
 * once) fitted on the districts drawn, and the picked districts' residuals with their interval
 * (`residualOf`). Dosage rates pass the disclosure function first; only rates shown exactly
 * are drawn or fitted, so the line cannot give back a withheld rate. Training is the
 * district's own answer (1 trained, 0 not; no answer and not surveyed are left out).
 */
export function outcomeModel(
	data: OutcomeData,
	picked: readonly string[],
	origin: DataOrigin
): OutcomeModel {
	const percentile = new Map(data.percentiles.map((p) => [p.leaid, p]));
	const values = new Map<string, { value: DisplayValue; lo: number | null; hi: number | null }>();
	if (data.kind === 'dosage') {
		for (const [id, v] of discloseDistrictRates(data.rates, origin)) values.set(id, v);
	} else {
		for (const a of data.answers) {
			if (a.trained === null || values.has(a.leaid)) continue;
			values.set(a.leaid, { value: { status: 'shown', value: a.trained }, lo: null, hi: null });
		}
	}
	const points: OutcomePointRow[] = [];
	let notDrawn = 0;
	for (const [leaid, v] of values) {
		const x = percentile.get(leaid)?.poverty_percentile;
		const y = exact(v.value);
		if (x === undefined || y === null) notDrawn += 1;
		else points.push({ leaid, x, y });
	}
	const line = fitExpectedLine(points);
	const selected = picked.map((leaid): OutcomeSelected => {
		const row = percentile.get(leaid);
		const v = values.get(leaid);
		const value =
			v?.value ??
			(data.kind === 'training' ? notSurveyed() : { status: 'missing', reason: 'no_denominator' });
		const y = exact(value);
		const x = row?.poverty_percentile ?? null;
		const lo = v?.lo ?? null;
		const hi = v?.hi ?? null;
		return {
			leaid,
			label: row ? districtLabel(row) : `LEAID ${leaid}`,
			x,
			value,
			lo,
			hi,
			residual: line && x !== null && y !== null ? residualOf(line, { x, y, lo, hi }) : null
		};
	});
	return { kind: data.kind, points, line, selected, notDrawn };
}
