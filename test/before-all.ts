/**
 * A suite's set-up that fails its tests when it fails. uvu swallows an error thrown by a
 * `test.before` hook (its runner returns from a `finally`): the suite prints "(0 / 5)" but the run
 * exits 0, so a browser that cannot start would leave CI green with its tests not run. Here the
 * error is kept and thrown again by every test of the suite.
 */
import type { Test } from "uvu";

export function beforeAll(test: Test, setUp: () => Promise<void> | void): void {
  let failure: unknown;
  test.before(async () => {
    try {
      await setUp();
    } catch (error) {
      failure = error;
    }
  });
  test.before.each(() => {
    if (failure !== undefined) throw failure;
  });
}
