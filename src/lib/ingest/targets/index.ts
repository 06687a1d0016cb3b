import { TABLES } from '../../schema/tables.ts';
import { canonicalTarget, type IngestTarget } from './fields.ts';
import { LP_DISTRICTS } from './learnplatform.ts';

/** Every table an upload can be loaded into: the canonical tables and `lp_districts`. */
export const TARGETS: readonly IngestTarget[] = [...TABLES.map(canonicalTarget), LP_DISTRICTS];

export type TargetName = string;

/** The target named `name`, or undefined. */
export function findTarget(name: string): IngestTarget | undefined {
	return TARGETS.find((t) => t.spec.name === name);
}
