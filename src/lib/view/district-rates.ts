import type { Database } from '../db/database.ts';
import { discloseView, PUBLIC_POLICY } from '../disclosure/disclose-view.ts';
import { countedRateCell } from '../disclosure/result-cells.ts';
import type { DataOrigin, DisclosurePolicy } from '../disclosure/view.ts';
import { raw, sql, valueList, type SqlQuery } from '../db/sql.ts';
import { districtFilterSql, groupSql, type ViewSlice } from './funnel-stats-sql.ts';
import { ensureViewBlocks, withBlocksSql } from './view-blocks.ts';
import { VIEW_CELLS_TABLE } from './view-tables.ts';

/** One district's share of students with access who met the dosage rule, after disclosure. */
export interface DistrictRate {
	readonly id: string;
	readonly group: string;
	/** The rate when shown exactly; null when withheld, shown only as a range, or undefined. */
	readonly value: number | null;
}

/** The spread of one product's district rates, and how many districts could not be drawn. */
export interface DistrictSpread {
	readonly product_id: string;
	readonly values: readonly DistrictRate[];
	/** Rates shown only as a range (top/bottom coding of small groups), by label. */
	readonly coded: Readonly<Record<string, number>>;
	/** Rates withheld (fewer students than the minimum group size). */
	readonly hidden: number;
}

interface Row {
	product_id: string;
	leaid: string;
	grp: string | null;
	met: number | null;
	base: number | null;
	in_block: boolean;
}

/** Per district of the view (filters applied): dosage-meeters and their evaluable base. */
export function districtRatesSql(state: ViewSlice, products: readonly string[]): SqlQuery {
	return sql`SELECT product_id, leaid, ${groupSql(state)} AS grp,
	CASE WHEN dosage_met_n__nulls = 0 THEN dosage_met_n END AS met,
	CASE WHEN licensed_n__nulls = 0 AND not_evaluable_n__nulls = 0
		THEN licensed_n - not_evaluable_n END AS base
FROM ${raw(VIEW_CELLS_TABLE)}
WHERE product_id IN (${valueList(products)}) AND ${districtFilterSql(state)} AND units_n > 0
ORDER BY product_id, leaid`;
}

/**
 * Each district's dosage rate through the disclosure function (student records; in public mode
 * a district with fewer students than the minimum is hidden, and so is one in a block of small
 * districts, one near 0% or 100% is coded as a range; research mode shows every rate of two or
 * more students outside such blocks). Only exactly shown rates are drawn; the others are
 * counted, so the spread says what it leaves out.
 */
export async function districtSpreads(
	db: Database,
	state: ViewSlice,
	products: readonly string[],
	origin: DataOrigin,
	policy: DisclosurePolicy = PUBLIC_POLICY
): Promise<DistrictSpread[]> {
	await ensureViewBlocks(db, policy);
	const rows = await db.query<Row>(withBlocksSql(districtRatesSql(state, products), policy));
	const disclosed = discloseView(
		{
			records: 'student',
			origin,
			cells: rows.map((r, i) =>
				countedRateCell(
					String(i),
					{ leaid: r.leaid, product_id: r.product_id },
					{
						estimate: r.met === null || !r.base ? null : r.met / r.base,
						numerator: r.met,
						denominator: r.base,
						lo: null,
						hi: null
					},
					{ splitsBlock: r.in_block }
				)
			)
		},
		policy
	);
	return products.map((product_id) => {
		const coded: Record<string, number> = {};
		let hidden = 0;
		const values: DistrictRate[] = [];
		rows.forEach((r, i) => {
			if (r.product_id !== product_id) return;
			const rate = disclosed.cells[i]!.rate;
			const shown = rate.status === 'shown' || rate.status === 'true_zero';
			if (rate.status === 'coarsened') coded[rate.label] = (coded[rate.label] ?? 0) + 1;
			if (rate.status === 'suppressed') hidden += 1;
			values.push({ id: r.leaid, group: r.grp ?? 'unknown', value: shown ? rate.value : null });
		});
		return { product_id, values, coded, hidden };
	});
}
