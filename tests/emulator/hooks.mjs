// node:test hooks that run the emulator for one test file.
import { before, after } from "node:test";
import { startEmulator } from "./server.mjs";

/**
 * Starts the emulator on a free port on 127.0.0.1 before the file's tests and stops it after
 * them. The returned object's `url` is the emulator's origin once the tests run. `options` go to
 * startEmulator (e.g. `{ demo: true }`).
 */
export function useEmulator(options = {}) {
  const emulator = { url: "" };
  let server;
  before(async () => {
    server = await startEmulator(0, options);
    emulator.url = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => server.close());
  return emulator;
}
