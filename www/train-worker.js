// The training worker: trains a model on an export in the studio module off the page's main
// thread, so the page stays responsive. The page (studio.js) posts
//   {type: 'train', bytes, options}        → {type: 'progress', stage}…, then
//                                            {type: 'trained', bytes, report, predictions}
//   {type: 'predictions', bytes, model}    → {type: 'predictions', predictions}
// and any failure answers {type: 'error', message}. Cancelling is the page terminating it.
import { predictions, start, train } from './studio-wasm.js';

self.addEventListener('message', async (e) => {
  const job = e.data;
  try {
    await start();
    if (job.type === 'train') {
      const model = train(job.bytes, job.options, (stage) => self.postMessage({ type: 'progress', stage }));
      self.postMessage({ type: 'progress', stage: 'predicting every ticket' });
      const csv = predictions(job.bytes, model.bytes);
      self.postMessage({ type: 'trained', bytes: model.bytes, report: model.report, predictions: csv },
        [model.bytes.buffer]);
    } else if (job.type === 'predictions') {
      self.postMessage({ type: 'predictions', predictions: predictions(job.bytes, job.model) });
    } else {
      throw new Error(`unknown job '${job.type}'`);
    }
  } catch (error) {
    self.postMessage({ type: 'error', message: error.message ?? String(error) });
  }
});
