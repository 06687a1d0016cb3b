import type { SqlQuery } from '../db/sql.ts';
import type { DataCatalog } from '../view/catalog.ts';
import type { DisplayValue } from '../disclosure/display-value.ts';
import type { CompareRow, PooledPeerRate, WeightedPeerShare } from '../view/compare-model.ts';
import type { OutcomeModel } from '../view/outcome-model.ts';
import type { ViewState } from '../view/view-state.ts';
import type { ChartTables } from './chart-export.ts';
import {
	outcomeScript,
	peerDosageScript,
	peerTrainingScript,
	type CompareSource
} from './compare-script.ts';
import {
	disclosedCells,
	integerField,
	numberField,
	PROPORTION,
	proportionFields,
	statusFields,
	textField
} from './disclosed.ts';
import type { ExportField, ExportTable, ExportValue } from './table.ts';
import { viewFilters } from './view-export.ts';

const PERCENTILE = 'percentile (0–100)';

const DISTRICT_FIELDS: ExportField[] = [
	textField('leaid', 'NCES district id (LEAID) of the picked district'),
	textField('district', 'District name, state and LEAID as the page labels it')
];

/** The peer group's size and criteria, or why the district has none. */
const PEER_FIELDS: ExportField[] = [
	integerField('peers', 'Districts in the peer group (empty without a peer group)', 'districts'),
	textField('peer_criteria', 'Criteria the peer group was found with, in the order applied'),
	textField('peer_note', 'Why the district has no peer group, when it has none')
];

function peerCells(row: CompareRow): Record<string, ExportValue> {
	const p = row.peers;
	return p.ok
		? { peers: p.group.peers.length, peer_criteria: p.group.criteria.join('; '), peer_note: '' }
		: { peers: null, peer_criteria: '', peer_note: p.reason };
}

/**
 * The "Do students with access use it as intended, compared with similar districts?" dot plot
 * as a table, one row per picked district in the order picked: its dosage rate after
 * disclosure control (empty with status and note when withheld or range-coded) with its Wilson
 * 95% interval (kept only for a rate shown exactly), and its peers' median and quartiles over
 * the peers whose rate is shown exactly, with how many peers entered them and how many were
 * left out. Values are the compare model's (`compareModel`), unrounded.
 */
export function peerUsageTable(rows: readonly CompareRow[]): ExportTable {
	return {
		name: 'peer-dosage',
		title: 'Dosage rate of each picked district and of its peers',
		keys: ['leaid'],
		fields: [
			...DISTRICT_FIELDS,
			...proportionFields(
				'dosage_rate',
				'Share of students with access who met the dosage rule (selected products pooled); empty when not shown exactly',
				'the Wilson 95% interval'
			),
			...statusFields('dosage_rate'),
			numberField('peer_median', 'Median of the peers’ dosage rates shown exactly', PROPORTION),
			numberField('peer_q1', 'First quartile of the peers’ dosage rates', PROPORTION),
			numberField('peer_q3', 'Third quartile of the peers’ dosage rates', PROPORTION),
			integerField('peers_used', 'Peers whose rate is shown exactly (in the median)', 'districts'),
			integerField(
				'peers_left_out',
				'Peers whose rate is withheld, range-coded or absent (not in the median)',
				'districts'
			),
			...proportionFields(
				'pooled_rate',
				'The same peers pooled: their dosage-meeters over their students with access; empty when not shown exactly',
				'the 95% interval',
				'pooled_'
			),
			textField(
				'pooled_ci_method',
				'clustered_wilson (schools as clusters, domain-spec §5.4) or wilson (students independent)'
			),
			integerField('pooled_schools', 'Schools of the pooled peers (the clusters)', 'schools'),
			...statusFields('pooled_rate', 'pooled_'),
			...PEER_FIELDS
		],
		rows: rows.map((row) => {
			const u = row.usage;
			const own = u
				? disclosedCells('dosage_rate', u.value)
				: {
						dosage_rate: null,
						status: 'missing',
						note: row.peers.ok ? 'no usage data' : 'no peer group'
					};
			return {
				leaid: row.leaid,
				district: row.label,
				...own,
				lo: u?.lo ?? null,
				hi: u?.hi ?? null,
				peer_median: u?.peer.median ?? null,
				peer_q1: u?.peer.q1 ?? null,
				peer_q3: u?.peer.q3 ?? null,
				peers_used: u?.peer.peers_used ?? null,
				peers_left_out: u?.peersLeftOut ?? null,
				...pooledCells(u?.pooled ?? null),
				...peerCells(row)
			};
		})
	};
}

/** The pooled peer rate's columns (`PooledPeerRate`), empty without one. */
function pooledCells(p: PooledPeerRate | null): Record<string, ExportValue> {
	return {
		...disclosedCells('pooled_rate', p?.value ?? NO_GROUP, 'pooled_'),
		pooled_lo: p?.lo ?? null,
		pooled_hi: p?.hi ?? null,
		pooled_ci_method: p?.ciMethod ?? '',
		pooled_schools: p?.schools ?? null
	};
}

/** The survey-weighted peer share's columns (`WeightedPeerShare`), empty without one. */
function weightedCells(w: WeightedPeerShare | null): Record<string, ExportValue> {
	return {
		...disclosedCells('weighted_share', w?.value ?? NO_GROUP, 'weighted_'),
		weighted_lo: w?.lo ?? null,
		weighted_hi: w?.hi ?? null,
		weighted_n_eff: w?.nEff ?? null,
		weighted_reliability: w?.reliability ?? ''
	};
}

const NO_GROUP: DisplayValue = { status: 'missing', reason: 'no peer figure' };

const ANSWER_VALUE = { trained: 1, not_trained: 0, no_answer: null, not_surveyed: null } as const;

/**
 * The "Has the district trained its teachers on AI, and have its peers?" dot plot as a table,
 * one row per picked district: its own answer in the wave (1 trained, 0 not; empty with the
 * reason otherwise) and the unweighted share of its answering peers that trained, after the
 * reliability rule (empty with status and note when withheld), with its Wilson 95% interval and
 * the number of peers that answered (its n). From `compareModel`, unrounded.
 */
export function peerTrainingTable(rows: readonly CompareRow[]): ExportTable {
	return {
		name: 'peer-training',
		title: 'AI training of each picked district and of its surveyed peers',
		keys: ['leaid'],
		fields: [
			...DISTRICT_FIELDS,
			textField(
				'answer',
				'The district’s own answer: trained, not_trained, no_answer or not_surveyed'
			),
			integerField('trained', 'The answer as a number: 1 trained, 0 not trained, empty otherwise'),
			...proportionFields(
				'peer_share',
				'Share of the surveyed peers that trained (unweighted, each district once); empty when not shown exactly',
				'the Wilson 95% interval'
			),
			...statusFields('peer_share'),
			integerField(
				'peers_answered',
				'Peers that answered the item in the wave (n of peer_share)',
				'districts'
			),
			...proportionFields(
				'weighted_share',
				'Survey-weighted share of the surveyed peers that trained (A1 on the peers as a domain); empty when not shown exactly',
				'the design-based Wilson 95% interval',
				'weighted_'
			),
			numberField('weighted_n_eff', 'Effective sample size of weighted_share', 'districts'),
			textField('weighted_reliability', 'Reporting standard (§5.5): ok, caution or unreliable'),
			...statusFields('weighted_share', 'weighted_'),
			...PEER_FIELDS
		],
		rows: rows.map((row) => {
			const t = row.training;
			const share = t
				? disclosedCells('peer_share', t.peerShare)
				: {
						peer_share: null,
						status: 'missing',
						note: row.peers.ok ? 'no survey wave' : 'no peer group'
					};
			return {
				leaid: row.leaid,
				district: row.label,
				answer: t?.answer ?? '',
				trained: t ? ANSWER_VALUE[t.answer] : null,
				...share,
				lo: t?.lo ?? null,
				hi: t?.hi ?? null,
				peers_answered: t?.peersAnswered ?? null,
				...weightedCells(t?.weighted ?? null),
				...peerCells(row)
			};
		})
	};
}

const OUTCOME_METRIC = { dosage: 'dosage_rate_access', training: 'trained_teachers_ai' } as const;

/**
 * The "Above or below what its poverty level predicts?" scatter as three tables:
 * `outcome-picked`, each picked district's poverty percentile, outcome as disclosed (dosage
 * rate with its Wilson 95% interval, or the training answer 1/0), expected value on the line
 * and the difference with its 95% interval (`residualOf`); `outcome-points`, every district
 * drawn (outcome shown exactly); `outcome-line`, the least-squares line (`fitExpectedLine`)
 * with the districts it was fitted on and how many could not be drawn. Unrounded.
 */
export function outcomeTables(model: OutcomeModel): ExportTable[] {
	const metric = OUTCOME_METRIC[model.kind];
	const outcomeUnit = model.kind === 'dosage' ? PROPORTION : '1 trained, 0 not';
	const picked: ExportTable = {
		name: 'outcome-picked',
		title: 'Picked districts against the expected line',
		keys: ['leaid'],
		fields: [
			...DISTRICT_FIELDS,
			textField('metric', 'Outcome on the y axis (see docs/methodology.md)'),
			numberField('poverty_percentile', 'National percentile of the poverty measure', PERCENTILE),
			numberField('value', 'The district’s outcome; empty when not shown exactly', outcomeUnit),
			numberField(
				'lo',
				'Lower bound of the outcome’s Wilson 95% interval (dosage only)',
				outcomeUnit
			),
			numberField(
				'hi',
				'Upper bound of the outcome’s Wilson 95% interval (dosage only)',
				outcomeUnit
			),
			...statusFields('value'),
			numberField(
				'expected',
				'Outcome the line predicts at the district’s percentile',
				outcomeUnit
			),
			numberField('residual', 'value − expected: above (> 0) or below (< 0) the line', outcomeUnit),
			numberField('residual_lo', 'Lower bound of the 95% interval of the residual', outcomeUnit),
			numberField('residual_hi', 'Upper bound of the 95% interval of the residual', outcomeUnit)
		],
		rows: model.selected.map((s) => ({
			leaid: s.leaid,
			district: s.label,
			metric,
			poverty_percentile: s.x,
			...disclosedCells('value', s.value),
			lo: s.lo,
			hi: s.hi,
			expected: s.residual?.expected ?? null,
			residual: s.residual?.residual ?? null,
			residual_lo: s.residual?.lo ?? null,
			residual_hi: s.residual?.hi ?? null
		}))
	};
	const points: ExportTable = {
		name: 'outcome-points',
		title: 'Every district drawn: poverty percentile and outcome',
		keys: ['leaid'],
		fields: [
			textField('leaid', 'NCES district id (LEAID)'),
			textField('metric', 'Outcome on the y axis'),
			numberField('poverty_percentile', 'National percentile of the poverty measure', PERCENTILE),
			numberField(
				'value',
				'The district’s outcome, shown exactly (others are not drawn)',
				outcomeUnit
			)
		],
		rows: model.points.map((p) => ({ leaid: p.leaid, metric, poverty_percentile: p.x, value: p.y }))
	};
	const l = model.line;
	const line: ExportTable = {
		name: 'outcome-line',
		title: 'Expected line: least squares of the outcome on the poverty percentile',
		fields: [
			textField('metric', 'Outcome on the y axis'),
			numberField('intercept', 'a in y = a + b·x; empty when no line could be fitted', outcomeUnit),
			numberField('slope', 'b in y = a + b·x', `${outcomeUnit} per percentile`),
			integerField('n', 'Districts the line was fitted on (each once, unweighted)', 'districts'),
			numberField('sigma', 'Residual standard error √(RSS / (n − 2))', outcomeUnit),
			integerField(
				'not_drawn',
				'Districts with a withheld, range-coded or unplaceable outcome, left out',
				'districts'
			),
			textField('note', 'Why there is no line, when there is none')
		],
		rows: [
			{
				metric,
				intercept: l?.intercept ?? null,
				slope: l?.slope ?? null,
				n: l?.n ?? model.points.length,
				sigma: l?.sigma ?? null,
				not_drawn: model.notDrawn,
				note: l ? '' : 'fewer than 3 districts drawn, or every percentile equal'
			}
		]
	};
	return [picked, points, line];
}

/** The compare page's charts. */
export type CompareChart = 'peer-dosage' | 'peer-training' | 'outcome';

const FILTER_NOTE: Readonly<Record<CompareChart, string>> = {
	'peer-dosage':
		'Peers come from every district in the data, whatever the district filters (state, locale, size, poverty); the product filter picks the products pooled.',
	'peer-training':
		'Peers come from every district in the data, whatever the district filters; the answers are those of the wave listed.',
	outcome:
		'Percentiles are national. The dosage plot draws the districts in the district filters, products pooled as filtered; the training plot draws every surveyed district of the wave.'
};

const SQL_NOTE =
	'The SQL this page ran to compute the chart (peer search, district rates, answers, percentiles), in order. ' +
	'Dosage rates read the usage cells the dashboard built for the view (see a Usage chart’s download for that SQL). ' +
	'Disclosure control, the Wilson intervals, peer medians and the expected line are computed by the app’s code ' +
	'(src/lib/view/compare-model.ts, outcome-model.ts), documented in docs/methodology.md.';

const SCRIPT_NOTE =
	' reproduce.sql rebuilds the point estimates and counts from the canonical CSVs included; the picked districts and the peers used (or the districts drawn) are written into it as literal lists, since peer search and disclosure are the app’s.';

/**
 * A compare chart's download: its tables from the model on screen, the picked districts, peer
 * choice and view filters (file name and sidecar), the SQL recorded when it was computed (`sql`
 * null when the figures shown were not computed in this browser) and, given what the page
 * computed from (`source`), the chart's reproduce script.
 */
export function compareChartTables(
	chart: CompareChart,
	shown: { rows: readonly CompareRow[]; outcome: OutcomeModel | null },
	state: ViewState,
	catalog: DataCatalog,
	sql: readonly SqlQuery[] | null,
	source: CompareSource | null
): ChartTables {
	const reproduce = !source
		? null
		: chart === 'peer-dosage'
			? peerDosageScript(shown.rows, state, source)
			: chart === 'peer-training'
				? peerTrainingScript(shown.rows, source)
				: shown.outcome
					? outcomeScript(shown.outcome, state, source)
					: null;
	const tables =
		chart === 'peer-dosage'
			? [peerUsageTable(shown.rows)]
			: chart === 'peer-training'
				? [peerTrainingTable(shown.rows)]
				: shown.outcome
					? outcomeTables(shown.outcome)
					: [];
	const outcome = chart === 'outcome' && shown.outcome ? [shown.outcome.kind] : [];
	return {
		view: `compare ${chart}`,
		tables,
		filters: [
			{ name: 'district', values: state.districts },
			...(chart === 'outcome' ? [] : [{ name: 'peers', values: [state.peers] }]),
			{ name: 'outcome', values: outcome },
			...viewFilters(state, catalog)
		],
		settings: { scheme: state.scheme },
		filterNote: FILTER_NOTE[chart],
		sql: sql ?? [],
		sqlNote:
			(sql
				? SQL_NOTE
				: 'Not recorded: these figures were computed before this page opened (prerendered).') +
			(reproduce ? SCRIPT_NOTE : ''),
		reproduce
	};
}
