// Replaces @stdlib/assert-has-generator-support, which probes for generators with `eval` and so
// trips the site's Content-Security-Policy (no 'unsafe-eval'). Every browser and Node version
// this app supports has generator functions.
module.exports = function hasGeneratorSupport() {
	return true;
};
