#!/usr/bin/env node
// The command line; `npx adoption-gap --help`. Runs on the repo's Node 24 (type stripping).
import { main } from '../src/cli/main.ts';

const code = await main(process.argv.slice(2), {
	stdout: (text) => process.stdout.write(text),
	stderr: (text) => process.stderr.write(text)
});
process.exitCode = code;
