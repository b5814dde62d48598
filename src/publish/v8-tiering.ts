/**
 * When V8 optimises: a function is handed to its optimising compiler (TurboFan) once it has run
 * its interrupt budget of bytecode, 66 KB by default in Node 20. A build runs thousands of
 * functions that get that warm once per edition's story types and no warmer, and each process
 * compiles them for itself on its V8 threads, beside the cores' real work: in a cold shard build
 * of 8,182 articles in one process, 558 optimisations took 2.5 s of compiler time and TurboFan
 * about a fifth of a core throughout the 7 s. Sixteen times the budget optimises only what stays
 * hot: set here, 153 optimisations in 0.58 s (123 in 0.45 s given on the command line, which
 * applies from the first function on).
 *
 * Measured in alternation with the default, the budget on the command line of the build and its
 * worker: that build's own time in two processes 5.67–6.16 s against 6.40–7.10 s (six pairs), at
 * 19,942 articles 10.93 and 11.64 s against 12.53 and 12.35 s; a day published with `--edition`,
 * the whole command, 1.10–1.22 s against 1.19–1.21 s at 4,000 articles (four pairs) and
 * 1.42–1.53 s against 1.45–1.62 s at 100,000 (three; days that re-indexed a month left out). As
 * set here: that build 5.52–6.90 s against 6.94–7.85 s (three pairs), `npm run check -- --fresh`
 * over 19,942 articles 3.86–4.04 s against 4.16–4.40 s. Four or sixty-four times the budget, and
 * V8's inlining turned off, did no better; Maglev (alone or before TurboFan) did worse.
 */
import { setFlagsFromString } from "node:v8";

/** Node 20's default interrupt budget, 66 KB of bytecode, sixteen times. */
const INTERRUPT_BUDGET = 16 * 67_584;

/**
 * Called first thing by the build and the check, in their processes and their workers. V8 reads
 * the budget each time it gives a function a new one, so setting it once the modules are loaded
 * (none of whose code has run long) covers the work.
 */
export function optimiseOnlyHotCode(): void {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
