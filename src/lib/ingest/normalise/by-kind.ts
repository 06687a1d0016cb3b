import type { SqlQuery } from '../../db/sql.ts';
import type { TargetField } from '../targets/fields.ts';
import { dateSql, intervalSql, schoolYearSql } from './dates.ts';
import type { FieldSql, NormaliseContext } from './field-sql.ts';
import { paddedIdSql, stateAbbrSql, stateFipsSql } from './ids.ts';
import { integerSql, numberSql, percentSql, proportionSql } from './numbers.ts';
import { enumSql, textSql, yesNoSql } from './words.ts';

/** The normaliser of a field's kind, applied to its trimmed, non-missing text `x`. */
export function fieldSql(field: TargetField, x: SqlQuery, context: NormaliseContext): FieldSql {
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
		case 'number':
			return numberSql(x, name, 'DOUBLE', context, false);
		case 'decimal':
			return numberSql(x, name, field.type, context, true);
		case 'proportion':
			return proportionSql(x, name, context);
		case 'percent':
			return percentSql(x, name, context);
		case 'yes_no_int':
		case 'yes_no_bool':
			return yesNoSql(x, name, field.kind === 'yes_no_bool');
		case 'school_year':
			return schoolYearSql(x, name, context);
		case 'date':
			return dateSql(x, name);
		case 'interval':
			return intervalSql(x, name);
	}
}
