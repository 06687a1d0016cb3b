/**
 * The methodology page's sections that charts link to, by their heading ids (GitHub-style slugs
 * of the headings in `docs/methodology.md`; a unit test checks each one exists).
 */
export const METHOD_SECTIONS = [
	'ai-training-rates-survey',
	'change-between-waves',
	'usage-funnel',
	'access-versus-use',
	'representation-index',
	'district-spread'
] as const;

export type MethodSection = (typeof METHOD_SECTIONS)[number];
