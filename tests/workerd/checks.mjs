// The assertions and the test wrapper the worker example's suites share (example.mjs, live.mjs):
// `test(label, fn)` runs one case and reports `<group> › <label> (<ms> ms)` with its stack on failure.

/** Throws `message` unless `value`. */
export const must = (value, message) => {
  if (!value) throw new Error(message);
};

/** JSON equality, both sides shown (cut to 300 characters) when they differ. */
export const eq = (actual, expected, what) =>
  must(JSON.stringify(actual) === JSON.stringify(expected), `${what}: ${JSON.stringify(actual)?.slice(0, 300)}, expected ${JSON.stringify(expected)?.slice(0, 300)}`);

/** A `test(label, fn)` that reports each case under `group` through `report(ok, line, detail)`. */
export const tester = (group, report) => async (label, fn) => {
  const t0 = Date.now();
  try {
    await fn();
    report(true, `${group} › ${label} (${Date.now() - t0} ms)`);
  } catch (error) {
    report(false, `${group} › ${label} (${Date.now() - t0} ms)`, error?.stack || String(error));
  }
};
