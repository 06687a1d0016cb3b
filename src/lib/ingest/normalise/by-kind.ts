import type { SqlQuery } from '../../db/sql.ts';
import type { TargetField } from '../targets/fields.ts';
import { dateSql, intervalSql, schoolYearSql } from './dates.ts';
import type { FieldSql, NormaliseContext } from './field-sql.ts';
import { paddedIdSql, stateAbbrSql, stateFipsSql, unitIdSql } from './ids.ts';
import { integerSql, localeSql, numberSql, shareSql } from './numbers.ts';
import { enumSql, textSql, yesNoSql } from './words.ts';

/** The normaliser of a field's kind over its text `x` and its prepared column `p`. */
export function fieldSql(
	field: TargetField,
	x: SqlQuery,
	p: SqlQuery,
	context: NormaliseContext
): FieldSql {
	const name = field.name;
	switch (field.kind) {
		case 'leaid':
			return paddedIdSql(x, name, 7, {
				tooLong: 'leaid_too_long',
				notNumeric: 'leaid_not_numeric'
			});
		case 'ncessch':
			return paddedIdSql(x, name, 12, {
				tooLong: 'ncessch_too_long',
				notNumeric: 'ncessch_not_numeric'
			});
		case 'unit_id':
			return context.unitType ? unitIdSql(x, context.unitType) : textSql(x, name);
		case 'state_fips':
			return stateFipsSql(x);
		case 'state_abbr':
			return stateAbbrSql(x);
		case 'text':
			return textSql(x, name);
		case 'enum':
			return enumSql(x, name, field.values ?? []);
		case 'integer':
		case 'count':
			return integerSql(x, name, context, field.kind === 'count');
		case 'locale':
			return localeSql(x, name);
		case 'number':
			return numberSql(x, name, 'DOUBLE', context, false);
		case 'decimal':
			return numberSql(x, name, field.type, context, true);
		case 'proportion':
			return shareSql(x, p, name, context, 1);
		case 'percent':
			return shareSql(x, p, name, context, 100);
		case 'yes_no_int':
		case 'yes_no_bool':
			return yesNoSql(x, name, field.kind === 'yes_no_bool');
		case 'school_year':
			return schoolYearSql(x, p, name, context);
		case 'date':
			return dateSql(x, name);
		case 'interval':
			return intervalSql(x, p, name);
	}
}
