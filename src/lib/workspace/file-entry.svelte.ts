import type { ValidationIssue } from '../ingest/issues.ts';
import type { ColumnMapping } from '../ingest/mapping/mapping.ts';
import { previewFromSamples, type FieldPreview } from '../ingest/mapping/preview.ts';
import type { FileReport } from '../ingest/report.ts';
import { planLoad } from '../ingest/validate/plan.ts';
import type { FileHead, LoadProgress } from './open-file.ts';
import { questionsFor, type Question } from './questions.ts';
import type { StoredFile } from './store.ts';

/**
 * Where a file is: being read, unreadable (too large, not a table), waiting for its mapping,
 * queued or loading, loaded (with its report), or cancelled (nothing from it kept).
 */
export type EntryPhase =
	'reading' | 'unreadable' | 'mapping' | 'queued' | 'loading' | 'loaded' | 'cancelled';

let created = 0;

/** One file of the workspace: its bytes, how its columns map, and what loading it found. */
export class FileEntry {
	readonly id: string;
	readonly file: Blob;
	readonly name: string;
	phase = $state<EntryPhase>('reading');
	head = $state.raw<FileHead | null>(null);
	/** Why the file could not be read (its size, its format). */
	readIssues = $state.raw<readonly ValidationIssue[]>([]);
	mapping = $state.raw<ColumnMapping | null>(null);
	/** Why this table and mapping were suggested. */
	suggestion = $state('');
	report = $state.raw<FileReport | null>(null);
	progress = $state.raw<LoadProgress | null>(null);
	abort: AbortController | null = null;

	/** The mapping screen's rows: each field with its source column, samples and type. */
	readonly preview: FieldPreview[] = $derived(
		this.mapping && this.head ? previewFromSamples(this.mapping, this.head.samples) : []
	);
	readonly #planned = $derived.by(() =>
		this.mapping && this.head
			? planLoad(this.name, this.head.info.header.fields, this.mapping)
			: null
	);
	/** What stops the mapping from loading (a required field without a source, a missing column). */
	readonly blockers: ValidationIssue[] = $derived(
		this.#planned?.issues.filter((i) => i.severity === 'error') ?? []
	);
	/** Fields computed from another one (field → "school_year_start (from Wave)"). */
	readonly derived: Readonly<Record<string, string>> = $derived(
		Object.fromEntries(
			(this.#planned?.plan?.fields ?? [])
				.filter((f) => f.source.kind === 'derived')
				.map((f) => [f.field.name, f.label])
		)
	);
	/** What the user must decide before the figures can be trusted. */
	readonly questions: Question[] = $derived(
		this.mapping && this.head ? questionsFor(this.mapping, this.head.samples, this.report) : []
	);
	/** The mapping changed since the report shown was made. */
	readonly changed = $derived(
		this.report !== null && JSON.stringify(this.report.mapping) !== JSON.stringify(this.mapping)
	);

	constructor(file: Blob, name: string, id = `file-${Date.now().toString(36)}-${++created}`) {
		this.file = file;
		this.name = name;
		this.id = id;
	}

	/** What "keep on this device" stores for this file. */
	stored(): StoredFile {
		return { id: this.id, name: this.name, blob: this.file, mapping: this.mapping };
	}
}
