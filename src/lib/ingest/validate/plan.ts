import { issue, shown, type ValidationIssue } from '../issues.ts';
import type { ColumnMapping } from '../mapping/mapping.ts';
import { findTarget } from '../targets/index.ts';
import type { IngestTarget, TargetField } from '../targets/fields.ts';

/** Where a field's values come from in this file. */
export type FieldSource =
	| { readonly kind: 'column'; readonly header: string; readonly index: number }
	| { readonly kind: 'constant'; readonly value: string }
	| { readonly kind: 'derived'; readonly from: string; readonly rule: DerivationRule }
	| { readonly kind: 'absent' };

/** Values computed from other fields when the file has no column for them. */
export type DerivationRule =
	| 'state_fips_from_leaid'
	| 'state_abbr_from_state_fips'
	| 'census_region_from_state_fips'
	| 'school_year_from_saipe_year'
	| 'school_year_from_survey_wave'
	| 'leaid_from_ncessch';

export interface FieldPlan {
	readonly field: TargetField;
	readonly source: FieldSource;
	/** How the field is named in messages: the header, or what it was made from. */
	readonly label: string;
}

export interface LoadPlan {
	readonly target: IngestTarget;
	readonly fields: readonly FieldPlan[];
}

const DERIVATIONS: readonly {
	field: string;
	from: string;
	rule: DerivationRule;
	tables?: readonly string[];
}[] = [
	{ field: 'state_fips', from: 'leaid', rule: 'state_fips_from_leaid', tables: ['districts'] },
	{
		field: 'state_abbr',
		from: 'state_fips',
		rule: 'state_abbr_from_state_fips',
		tables: ['districts']
	},
	{
		field: 'census_region',
		from: 'state_fips',
		rule: 'census_region_from_state_fips',
		tables: ['districts']
	},
	{
		field: 'school_year_start',
		from: 'saipe_year',
		rule: 'school_year_from_saipe_year',
		tables: ['districts']
	},
	{ field: 'school_year_start', from: 'survey_wave', rule: 'school_year_from_survey_wave' },
	{ field: 'leaid', from: 'ncessch', rule: 'leaid_from_ncessch' }
];

/**
 * Resolves a mapping against a file's header: which column, constant or derivation fills each
 * field. Errors (an unknown table, a header that is not in the file, a required field with no
 * source) stop the load before any row is read; unmapped columns are listed in a notice.
 */
export function planLoad(
	file: string,
	header: readonly string[],
	mapping: ColumnMapping
): { plan?: LoadPlan; issues: ValidationIssue[] } {
	const target = findTarget(mapping.table);
	if (!target)
		return {
			issues: [
				issue(
					'error',
					'mapping_invalid',
					file,
					`The mapping names an unknown table "${mapping.table}".`
				)
			]
		};
	const issues: ValidationIssue[] = [];
	const sources = new Map<string, FieldSource>();
	for (const field of target.fields) {
		const header_ = mapping.columns[field.name];
		const constant = mapping.options.constants?.[field.name];
		if (header_ !== undefined && header_ !== null) {
			const index = header.indexOf(header_);
			if (index < 0)
				issues.push(
					issue(
						'error',
						'column_not_found',
						file,
						`The mapping reads ${field.name} from column "${header_}", but the file has no such column. Its columns are: ${columnList(header)}.`,
						{ column: header_ }
					)
				);
			else sources.set(field.name, { kind: 'column', header: header_, index });
		} else if (constant !== undefined)
			sources.set(field.name, { kind: 'constant', value: constant });
	}
	for (const d of DERIVATIONS) {
		if (sources.has(d.field) || !sources.has(d.from)) continue;
		if (d.tables && !d.tables.includes(target.spec.name)) continue;
		if (!target.fields.some((f) => f.name === d.field)) continue;
		if (d.rule === 'school_year_from_saipe_year' && mapping.options.saipe_lag === undefined)
			continue;
		sources.set(d.field, { kind: 'derived', from: d.from, rule: d.rule });
	}
	const fields = target.fields.map((field) => planField(field, sources));
	for (const plan of fields) {
		if (plan.field.required && plan.source.kind === 'absent') {
			issues.push(
				issue(
					'error',
					'required_column_unmapped',
					file,
					`${target.spec.name} needs ${plan.field.name} (${plan.field.description}), but the mapping gives it no column${hint(plan.field.name)}.`
				)
			);
		}
	}
	const used = new Set(
		fields.flatMap((p) => (p.source.kind === 'column' ? [p.source.header] : []))
	);
	const ignored = header.filter((h) => !used.has(h));
	if (ignored.length > 0)
		issues.push(
			issue(
				'notice',
				'columns_ignored',
				file,
				`Not loaded (no field mapped to them): ${columnList(ignored)}.`
			)
		);
	return issues.some((i) => i.severity === 'error')
		? { issues }
		: { plan: { target, fields }, issues };
}

function planField(field: TargetField, sources: ReadonlyMap<string, FieldSource>): FieldPlan {
	const source = sources.get(field.name) ?? { kind: 'absent' };
	const label =
		source.kind === 'column'
			? source.header
			: source.kind === 'constant'
				? `${field.name} (constant)`
				: source.kind === 'derived'
					? `${field.name} (from ${labelOf(sources, source.from)})`
					: field.name;
	return { field, source, label };
}

function labelOf(sources: ReadonlyMap<string, FieldSource>, name: string): string {
	const source = sources.get(name);
	return source?.kind === 'column' ? source.header : name;
}

function hint(field: string): string {
	if (field === 'school_year_start')
		return '; map a school-year column, set options.constants.school_year_start (e.g. "2024-25"), or for SAIPE files set options.saipe_lag';
	if (field === 'leaid')
		return '; map an NCES district ID column (or an NCES school ID, from which the district is taken)';
	return '; map a column to it or set options.constants';
}

/** The file's columns for a message: each name shortened, at most 20 listed, then a count. */
function columnList(header: readonly string[]): string {
	const listed = header.slice(0, 20).map((h) => `"${shown(h)}"`);
	const more = header.length - listed.length;
	return more > 0
		? `${listed.join(', ')} and ${more.toLocaleString('en-US')} more`
		: listed.join(', ');
}
