// A scoring worker: the costly half of the dashboard's analysis (seed score, the model's
// probability, the cleaned words) for the batches of tickets the coordinating worker
// (scan-worker.js) sends it over a MessagePort. The page posts
//   {port, model, modelFile}                 once, then on the port:
//   {id, batch}                              → {id, scores, wasm}, or {id, error}
// (`wasm`: bytes of its module instance's memory, for the page's memory figure)
// Its own module instance: no memory is shared (no SharedArrayBuffer needed).
import { Scorer, start, wasmBytes } from './studio-wasm.js';

self.addEventListener('message', async (e) => {
  const { port, model, modelFile } = e.data;
  let scorer;
  try {
    await start();
    scorer = new Scorer(model, modelFile);
  } catch (error) {
    port.postMessage({ id: -1, error: error.message ?? String(error) });
    return;
  }
  port.addEventListener('message', (m) => {
    const { id, batch } = m.data;
    try {
      const scores = scorer.score(batch);
      port.postMessage({ id, scores, wasm: wasmBytes() }, [scores.buffer]);
    } catch (error) {
      port.postMessage({ id, error: error.message ?? String(error) });
    }
  });
  port.start();
});
