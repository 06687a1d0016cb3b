import type { Database } from '../lib/db/database.ts';
import { sql } from '../lib/db/sql.ts';
import { LOCALE_GROUPS, type LocaleGroup } from '../lib/filters/restrict.ts';
import { STATES } from '../lib/geo/states.ts';
import { DEFAULT_VIEW_STATE, levelOptions } from '../lib/view/view-state.ts';
import { UsageError } from './usage-error.ts';

/** The --locale values as locale groups; an unknown one is a usage error (exit 2). */
export function localeGroups(values: readonly string[]): LocaleGroup[] {
	for (const v of values) {
		if (!(v in LOCALE_GROUPS)) {
			throw new UsageError(
				`--locale must be one of ${Object.keys(LOCALE_GROUPS).join(', ')}, not "${v}"`
			);
		}
	}
	return values as LocaleGroup[];
}

/** The --state values, each a USPS code of the 50 states and DC, else a usage error. */
export function knownStates(values: readonly string[]): readonly string[] {
	const unknown = values.find((v) => !STATES.some((s) => s.abbr === v));
	if (unknown !== undefined) {
		throw new UsageError(`--state must be a USPS state code such as CA or DC, not "${unknown}"`);
	}
	return values;
}

/** The --poverty-level values, each a level of the usage scheme (SAIPE quartiles), else a usage error. */
export function knownLevels(values: readonly string[]): readonly string[] {
	const levels = levelOptions(DEFAULT_VIEW_STATE.scheme);
	const unknown = values.find((v) => !levels.includes(v));
	if (unknown !== undefined) {
		throw new UsageError(`--poverty-level must be one of ${levels.join(', ')}, not "${unknown}"`);
	}
	return values;
}

/** Rejects a --product that no loaded products or usage file lists (a typo, not a data error). */
export async function checkProducts(db: Database, products: readonly string[]): Promise<void> {
	if (!products.length) return;
	const known = await db.query<{ id: string }>(sql`
		SELECT product_id AS id FROM products
		UNION SELECT product_id FROM usage_aggregate
		UNION SELECT product_id FROM usage_roster`);
	const unknown = products.find((p) => !known.some((k) => k.id === p));
	if (unknown !== undefined) {
		throw new UsageError(`--product "${unknown}" is not in the loaded products or usage files`);
	}
}
