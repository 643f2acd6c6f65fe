// Types of the widget module: `import 'ticket-insights/widget'` defines <ticket-predictor> and
// <ticket-prediction-log> (widget.js).
import type { ModelName, Prediction, Priority } from './predictor-wasm.js';

export type { ModelName, Prediction, Priority };
export { start } from './predictor-wasm.js';

/** The attributes of `<ticket-predictor>`; its text content is the starting description. */
export interface TicketPredictorAttributes {
  /** The bundled model; `improved` by default. Any other name is said in the element. */
  model?: ModelName | string;
  /**
   * The URL of a model file (same origin or `blob:`) used instead of a bundled model; the
   * element then shows an input per role the model reads.
   */
  'model-src'?: string;
  /** `compact` (default): description and probability; `full` adds age, priority, the verdict and what moved the prediction. */
  layout?: 'compact' | 'full';
  /** The customer's age; 35 by default. */
  age?: number | string;
  /** `Medium` by default; a priority the model lacks is kept and said in the element. */
  priority?: Priority | string;
  /** `Email` by default. */
  channel?: string;
  /** `Technical issue` by default. */
  type?: string;
}

/** Fired after every prediction; bubbles and is composed (it leaves the shadow root). */
export type TicketPredictionEvent = CustomEvent<Prediction>;

/** The `<ticket-predictor>` element. */
export class TicketPredictor extends HTMLElement {
  static readonly observedAttributes: ReadonlyArray<keyof TicketPredictorAttributes>;
  /** The `model` attribute, `improved` when absent. */
  get model(): ModelName | string;
  set model(name: ModelName | string);
  /** Predicts the current fields, shows the prediction and fires `ticket-prediction`. */
  update(): void;
  addEventListener<K extends keyof TicketPredictorEventMap>(type: K, listener: (this: TicketPredictor, ev: TicketPredictorEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** `<ticket-prediction-log limit="10">`: lists the predictions that reach the document. */
export class TicketPredictionLog extends HTMLElement {}

export interface TicketPredictorEventMap extends HTMLElementEventMap {
  'ticket-prediction': TicketPredictionEvent;
}

declare global {
  interface HTMLElementTagNameMap {
    'ticket-predictor': TicketPredictor;
    'ticket-prediction-log': TicketPredictionLog;
  }
  // The event bubbles to the document and the window.
  interface DocumentEventMap {
    'ticket-prediction': TicketPredictionEvent;
  }
  interface WindowEventMap {
    'ticket-prediction': TicketPredictionEvent;
  }
}
