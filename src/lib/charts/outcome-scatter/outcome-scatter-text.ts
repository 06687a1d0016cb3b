import type { TableData } from '../../components/table.ts';
import { count, percent, points as pointsText, pointsInterval } from '../../format/number.ts';
import { plotted, rateText } from '../values.ts';
import type { HighlightLike, LineLike, OutcomeScatterData } from './outcome-scatter-data.ts';

/** "a = 7.2%, b = −0.05 points per percentile". */
export function lineText(line: LineLike, outcome: string): string {
	const per10 = line.slope * 10;
	const direction = per10 < 0 ? 'lower' : 'higher';
	return `Expected ${outcome} = ${percent(line.intercept)} ${line.slope < 0 ? '−' : '+'} ${(Math.abs(line.slope) * 100).toFixed(3)} points × poverty percentile (least squares over ${count(line.n)} districts): ${pointsText(Math.abs(per10))} ${direction} for every 10 percentiles of poverty.`;
}

/** "above what its poverty level predicts by 1.2 points (95% CI −0.4 to 2.8 points)". */
export function residualText(h: HighlightLike): string {
	const r = h.residual;
	if (!r) {
		if (h.x === null) return 'no poverty percentile, so no expected value';
		return plotted(h.value) === null ? 'not compared with the line' : 'no line to compare with';
	}
	const where = r.residual >= 0 ? 'above' : 'below';
	const clear = r.lo > 0 || r.hi < 0 ? '' : '; the interval includes 0, so not clearly different';
	return `${pointsText(Math.abs(r.residual))} ${where} what its poverty level predicts (${percent(r.expected)}; 95% CI of the difference ${pointsInterval(r.lo, r.hi)}${clear})`;
}

/** The district's outcome in words; a district outside the survey is "not surveyed". */
export function outcomeValueText(h: HighlightLike): string {
	const v = h.value;
	return v.status === 'missing' && v.reason === 'not_surveyed' ? 'not surveyed' : rateText(v);
}

/** What a picked district's mark says. */
export function highlightDescription(h: HighlightLike, outcome: string): string {
	const at = h.x === null ? 'no poverty percentile' : `poverty percentile ${Math.round(h.x)}`;
	return `${h.label}, ${at}: ${outcome} ${outcomeValueText(h)}, ${residualText(h)}.`;
}

/** The chart's summary: the line in words, then each picked district against it. */
export function outcomeScatterSummary(data: OutcomeScatterData): string {
	const head = data.line
		? lineText(data.line, data.outcome)
		: `Too few districts have a ${data.outcome} that can be shown to fit an expected line.`;
	const picked = data.highlights.map((h) => highlightDescription(h, data.outcome));
	return [
		`${count(data.points.length)} districts drawn. ${head}`,
		...picked,
		data.highlights.length ? '' : 'Pick districts above to see where they sit.'
	]
		.filter(Boolean)
		.join(' ');
}

/** The picked districts as a table: percentile, outcome, expected value and the difference. */
export function outcomeScatterTable(data: OutcomeScatterData, caption: string): TableData {
	return {
		caption,
		columns: [
			{ id: 'district', label: 'District' },
			{ id: 'x', label: 'Poverty percentile', numeric: true },
			{
				id: 'y',
				label: data.outcome.charAt(0).toUpperCase() + data.outcome.slice(1),
				numeric: true
			},
			{ id: 'expected', label: 'Expected', numeric: true },
			{ id: 'residual', label: 'Above (+) or below (−) expected', numeric: true },
			{ id: 'ci', label: '95% CI of the difference', numeric: true }
		],
		rows: data.highlights.map((h) => ({
			key: h.leaid,
			header: h.label,
			cells: {
				x: h.x === null ? 'not available' : String(Math.round(h.x)),
				y: outcomeValueText(h),
				expected: h.residual ? percent(h.residual.expected) : '—',
				residual: h.residual
					? `${h.residual.residual >= 0 ? '+' : '−'}${pointsText(Math.abs(h.residual.residual))}`
					: '—',
				ci: h.residual ? pointsInterval(h.residual.lo, h.residual.hi) : '—'
			}
		})),
		notes: data.line ? [lineText(data.line, data.outcome)] : []
	};
}
