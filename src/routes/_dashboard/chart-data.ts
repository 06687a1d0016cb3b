import type { DecompositionLike } from '#lib/charts/decomposition/decomposition-geometry.ts';
import type { FunnelDatum, FunnelGroup, FunnelStage } from '#lib/charts/funnel/funnel-data.ts';
import type {
	IntervalDatum,
	ReferenceDatum,
	SeriesSpec
} from '#lib/charts/interval/interval-data.ts';
import type { RepresentationLike } from '#lib/charts/representation/representation-geometry.ts';
import { valueOf } from '#lib/view/display.ts';
import type { TrainingModel } from '#lib/view/training-model.ts';
import type { TrainingRow } from '#lib/view/training-rows.ts';
import {
	FUNNEL_STAGES,
	type FunnelModel,
	type HeadlineModel,
	type RepresentationModel
} from '#lib/view/usage-model.ts';

/** Training rows as interval-chart data (one series). */
export function trainingData(rows: readonly TrainingRow[], series = ''): IntervalDatum[] {
	return rows.map((r) => ({ ...r, series }));
}

/** Published figures drawn as reference marks on the survey's own groups. */
export function trainingReferences(model: TrainingModel): ReferenceDatum[] {
	return model.references.map((r) => ({ group: r.group, value: r.value }));
}

/** Both waves of the change table as a two-series interval chart. */
export function changeData(model: TrainingModel): { data: IntervalDatum[]; series: SeriesSpec[] } {
	const change = model.change;
	if (!change) return { data: [], series: [] };
	const series: SeriesSpec[] = [
		{ id: 'from', label: change.from, shape: 'square', hollow: true },
		{ id: 'to', label: change.to, shape: 'circle', hollow: false }
	];
	const rows = change.rows.filter((r) => r.group !== 'all');
	const relabel = (row: TrainingRow, label: string) => ({ ...row, label });
	return {
		series,
		data: [
			...trainingData(
				rows.map((r) => relabel(r.from, r.label)),
				'from'
			),
			...trainingData(
				rows.map((r) => relabel(r.to, r.label)),
				'to'
			)
		]
	};
}

/** A funnel model as funnel-chart input: counts are withheld in public mode, so none are passed. */
export function funnelChartData(funnel: FunnelModel): {
	stages: FunnelStage[];
	groups: FunnelGroup[];
	data: FunnelDatum[];
} {
	const groups = funnel.rows.map((r) => ({
		group: r.group,
		label: r.label,
		short: r.short
	}));
	const stages = FUNNEL_STAGES.map((s) => ({ id: s.id, label: s.label, denominator: s.of }));
	const data = funnel.cells.map((c) => ({
		stage: c.stage,
		group: c.group,
		value: c.value,
		lo: c.lo,
		hi: c.hi,
		numerator: null,
		denominator: null
	}));
	return { stages, groups, data };
}

/** The decomposition as chart input, or null when any of its figures is withheld. */
export function decompositionData(h: HeadlineModel | null): DecompositionLike | null {
	if (!h) return null;
	const [access, conversion, share] = [h.accessRatio, h.conversionRatio, h.accessShare].map(
		valueOf
	);
	if (access === null || access === undefined || conversion === null || conversion === undefined)
		return null;
	return {
		access_ratio: access,
		conversion_ratio: conversion,
		use_ratio: access * conversion,
		access_share: share ?? null,
		conversion_share: share === null || share === undefined ? null : 1 - share
	};
}

/** Representation rows as chart input, or null when any share is withheld. */
export function representationData(
	rows: readonly RepresentationModel[]
): RepresentationLike[] | null {
	const out = rows.map((r) => ({
		poverty_group: r.group,
		base_share: valueOf(r.base_share),
		dosage_share: valueOf(r.dosage_share),
		representation_index: valueOf(r.index)
	}));
	return out.length && out.every((r) => r.base_share !== null && r.dosage_share !== null)
		? out
		: null;
}
