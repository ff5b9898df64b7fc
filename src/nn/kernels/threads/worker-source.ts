/**
 * The worker script of the thread pool, as source text: runtimes start workers from a script, and
 * a string works for every one of them (Node worker_threads `eval`, a Blob URL in browsers, Deno
 * and Bun). It defines `facetsWorkerMain(init, post)`; a WorkerFactory adds the two lines that
 * hand it the first message and a way to answer (see pool.ts). Plain ES2017, no imports.
 *
 * The loop mirrors protocol.ts (slot numbers are spliced in from SLOT): wait for SEQ to move,
 * claim chunks until none are left, run each with the chunk's arguments (chunkArgs), count DONE
 * and wake the caller when the last chunk is done. Before sleeping in Atomics.wait it polls SEQ
 * for SPIN_MICROS: a futex wake-up costs tens of microseconds, and a network runs layer after
 * layer with short serial gaps (copies in and out of wasm memory) between split calls. The poll
 * is bounded by the clock, not a count: one Atomics.load costs 20-150 ns depending on load.
 */
import { SLOT } from './protocol.js';

/**
 * How long a worker polls for the next job before it sleeps, in microseconds. Short on purpose:
 * where the machine is shared, a polling worker takes the core the calling thread needs for the
 * serial work between calls (seen on the 2-core dev box under load 3-8: 100 us of polling made
 * small splits 1.7x slower than no polling).
 */
export const SPIN_MICROS = 50;

export const WORKER_SOURCE = `
function facetsWorkerMain(init, post) {
  var S = ${JSON.stringify(SLOT)};
  var inst = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
  var fns = init.names.map(function (n) { return inst.exports[n]; });
  var ctl = new Int32Array(init.control);
  var args = [];
  Atomics.add(ctl, S.READY, 1);
  post('ready');
  var seen = Atomics.load(ctl, S.SEQ);
  for (;;) {
    var s = Atomics.load(ctl, S.SEQ);
    if (s === seen) {
      var until = performance.now() + init.spinMicros / 1000;
      for (var i = 1; s === seen; i++) {
        s = Atomics.load(ctl, S.SEQ);
        if ((i & 63) === 0 && performance.now() > until) break;
      }
    }
    if (s === seen) { Atomics.wait(ctl, S.SEQ, seen); s = Atomics.load(ctl, S.SEQ); }
    seen = s;
    if (Atomics.load(ctl, S.QUIT) !== 0) return;
    for (;;) {
      var r = Atomics.sub(ctl, S.REMAIN, 1);
      if (r <= 0) break;
      var c = r - 1;
      var chunk = Atomics.load(ctl, S.CHUNK_UNITS), first = c * chunk, n = Atomics.load(ctl, S.NARGS);
      var countArg = Atomics.load(ctl, S.COUNT_ARG);
      args.length = n;
      for (var a = 0; a < n; a++) args[a] = Atomics.load(ctl, S.ARGS + a) + first * Atomics.load(ctl, S.STEPS + a);
      args[countArg] = Math.min(chunk, Atomics.load(ctl, S.ARGS + countArg) - first);
      try { fns[Atomics.load(ctl, S.FN)].apply(null, args); } catch (e) { Atomics.store(ctl, S.ERROR, 1); }
      Atomics.add(ctl, S.WORKER_CHUNKS, 1);
      if (Atomics.add(ctl, S.DONE, 1) + 1 === Atomics.load(ctl, S.CHUNKS)) Atomics.notify(ctl, S.DONE);
    }
  }
}
`;
