import { helpText } from './help.ts';
import { parseExportOptions, parseMetricsOptions, parseValidateOptions } from './options.ts';
import { runExport } from './export-command.ts';
import { runMetrics } from './metrics-command.ts';
import { runValidate } from './validate-command.ts';
import { DataError, EXIT, UsageError } from './usage-error.ts';

export interface Io {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
}

/** The `adoption-gap` command line; returns the exit code instead of exiting, for tests. */
export async function main(argv: string[], io: Io): Promise<number> {
	const [command, ...rest] = argv;
	try {
		if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
			io.stdout(`${helpText()}\n`);
			return command === undefined ? EXIT.usageError : EXIT.ok;
		}
		if (command === 'validate') {
			const options = parseValidateOptions(rest);
			if (options.help) {
				io.stdout(`${helpText()}\n`);
				return EXIT.ok;
			}
			return await runValidate(options, io.stdout);
		}
		if (command === 'export') {
			const options = parseExportOptions(rest);
			if (options.help) {
				io.stdout(`${helpText()}\n`);
				return EXIT.ok;
			}
			const written = await runExport(options, ['adoption-gap', ...argv].join(' '));
			io.stdout(written.map((path) => `wrote ${path}\n`).join(''));
			return EXIT.ok;
		}
		if (command !== 'metrics')
			throw new UsageError(`unknown command "${command}" (try: adoption-gap --help)`);
		const options = parseMetricsOptions(rest);
		if (options.help) {
			io.stdout(`${helpText()}\n`);
			return EXIT.ok;
		}
		await runMetrics(options, io.stdout, ['adoption-gap', ...argv].join(' '));
		return EXIT.ok;
	} catch (error) {
		if (error instanceof UsageError) {
			io.stderr(`adoption-gap: ${error.message}\n`);
			return EXIT.usageError;
		}
		if (error instanceof DataError) {
			io.stderr(`adoption-gap: ${error.message}\n`);
			return EXIT.dataError;
		}
		throw error;
	}
}
