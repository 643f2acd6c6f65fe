// The coordinating worker of the dashboard's analysis: reads the file with File.stream(), never
// whole, into the studio module's Scan (CSV parsed incrementally: a quoted field may span
// chunks), hands the batches of tickets it cuts to the scoring workers (score-worker.js, over
// MessagePorts, round robin, at most two batches per worker in flight, so memory stays bounded
// however fast the file arrives), and gives their scores back to the Scan in file order. The
// page posts
//   {file, model, options, modelFile, ports}  → {type: 'progress', bytes, total, tickets, seconds}…,
//                                               then {type: 'done', understood, analysis, seconds, wasm}
// (`wasm`: bytes of the wasm memory of its own instance and of each scorer's, at their peak)
// and any failure answers {type: 'error', message}. Cancelling is the page terminating it and
// the scorers.
import { Scan, start, wasmBytes } from './studio-wasm.js';

/** Seconds between progress messages, at least. */
const PROGRESS_EVERY = 0.1;

self.addEventListener('message', async (e) => {
  const { file, model, options, modelFile, ports } = e.data;
  const t0 = performance.now();
  try {
    await start();
    const scan = new Scan(model, options, modelFile);
    const total = file.size;
    const limit = 2 * ports.length;
    let sent = 0;
    let accepted = 0;
    const answers = new Map();
    let failed = null;
    const scorerWasm = ports.map(() => 0);
    let wake = () => {};
    const settle = () => {
      try {
        while (answers.has(accepted)) {
          scan.accept(answers.get(accepted));
          answers.delete(accepted);
          accepted += 1;
        }
      } catch (error) {
        failed ??= error;
      }
      wake();
    };
    ports.forEach((port, i) => {
      port.addEventListener('message', (m) => {
        const { id, scores, error, wasm } = m.data;
        if (error !== undefined) failed ??= new Error(error);
        else answers.set(id, scores);
        scorerWasm[i] = Math.max(scorerWasm[i], wasm ?? 0);
        settle();
      });
      port.start();
    });
    /** Resolves once fewer than `most` batches are in flight (or something failed). */
    const room = (most) => new Promise((resolve) => {
      const check = () => {
        if (failed || sent - accepted < most) { wake = () => {}; resolve(); } else wake = check;
      };
      check();
    });
    const send = async (batches) => {
      for (const batch of batches) {
        await room(limit);
        if (failed) throw failed;
        ports[sent % ports.length].postMessage({ id: sent, batch }, [batch.buffer]);
        sent += 1;
      }
    };
    let told = 0;
    const progress = () => {
      const seconds = (performance.now() - t0) / 1000;
      if (seconds - told < PROGRESS_EVERY) return;
      told = seconds;
      self.postMessage({ type: 'progress', bytes: scan.bytes, total, tickets: scan.tickets, seconds });
    };
    const reader = file.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await send(scan.push(value));
      progress();
    }
    await send(scan.finish());
    await room(1);
    if (failed) throw failed;
    const tickets = scan.tickets;
    const coordinatorWasm = wasmBytes();
    const { understood, analysis } = scan.result();
    const seconds = (performance.now() - t0) / 1000;
    self.postMessage({ type: 'progress', bytes: total, total, tickets, seconds });
    const wasm = { coordinator: Math.max(coordinatorWasm, wasmBytes()), scorers: scorerWasm };
    self.postMessage({ type: 'done', understood, analysis, seconds, wasm }, [analysis.buffer]);
  } catch (error) {
    self.postMessage({ type: 'error', message: error.message ?? String(error) });
  }
});
