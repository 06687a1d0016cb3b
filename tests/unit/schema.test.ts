import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDataDictionary } from '#lib/schema/dictionary.ts';
import { TABLES } from '#lib/schema/tables.ts';

describe('canonical schema', () => {
	it('stores identifiers as strings and minutes as fixed-point decimals', () => {
		for (const table of TABLES) {
			for (const column of table.columns) {
				if (/^(leaid|ncessch|unit_id|student_key|state_fips)$/.test(column.name)) {
					expect(column.type, `${table.name}.${column.name}`).toBe('VARCHAR');
				}
				if (column.name.startsWith('minutes')) {
					expect(column.type, `${table.name}.${column.name}`).toMatch(/^DECIMAL/);
				}
			}
		}
	});

	it('declares key columns that exist', () => {
		for (const table of TABLES) {
			const names = table.columns.map((c) => c.name);
			for (const key of table.key) expect(names, table.name).toContain(key);
		}
	});

	it('is documented in data/README.md exactly as rendered (run npm run data:dictionary)', () => {
		expect(readFileSync('data/README.md', 'utf8')).toContain(renderDataDictionary());
	});
});
