// The training worker: trains a model on an export in the studio module off the page's main
// thread, so the page stays responsive. The page (studio.js) posts
//   {type: 'train', file, options}         → {type: 'progress', stage}…, then
//                                            {type: 'trained', bytes, report, predictions}
//   {type: 'predictions', file, model}     → {type: 'predictions', predictions}
// (`file` a File or Blob, read whole here: training needs every ticket)
// and any failure answers {type: 'error', message}. Cancelling is the page terminating it.
import { predictions, start, train } from './studio-wasm.js';

self.addEventListener('message', async (e) => {
  const job = e.data;
  try {
    await start();
    const bytes = new Uint8Array(await job.file.arrayBuffer());
    if (job.type === 'train') {
      const model = train(bytes, job.options, (stage) => self.postMessage({ type: 'progress', stage }));
      self.postMessage({ type: 'progress', stage: 'predicting every ticket' });
      const csv = predictions(bytes, model.bytes);
      self.postMessage({ type: 'trained', bytes: model.bytes, report: model.report, predictions: csv },
        [model.bytes.buffer]);
    } else if (job.type === 'predictions') {
      self.postMessage({ type: 'predictions', predictions: predictions(bytes, job.model) });
    } else {
      throw new Error(`unknown job '${job.type}'`);
    }
  } catch (error) {
    self.postMessage({ type: 'error', message: error.message ?? String(error) });
  }
});
