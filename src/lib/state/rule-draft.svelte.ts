import { parseDosageRule } from '../dosage/parse-rule.ts';
import { describeDosageRule, formatDosageRule } from '../dosage/rule.ts';

/**
 * A dosage rule being edited: the text as typed, validated against the rule grammar on every
 * keystroke, and the canonical JSON to apply when it is valid.
 */
export class RuleDraft {
	text = $state('');

	constructor(initial: string) {
		this.text = initial;
	}

	readonly #parsed = $derived.by(() => {
		try {
			return { rule: parseDosageRule(this.text), error: null };
		} catch (error) {
			return { rule: null, error: (error as Error).message };
		}
	});

	/** Why the text is not a rule, or null. */
	get error(): string | null {
		return this.#parsed.error;
	}

	/** The rule in words, when valid. */
	get description(): string | null {
		return this.#parsed.rule ? describeDosageRule(this.#parsed.rule) : null;
	}

	/** The canonical JSON of a valid rule (what the URL stores), else null. */
	get canonical(): string | null {
		return this.#parsed.rule ? formatDosageRule(this.#parsed.rule) : null;
	}
}
