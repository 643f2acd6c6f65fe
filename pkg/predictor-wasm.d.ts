// Types of the predictor module's API: `import { start, predict } from 'ticket-insights'`
// (predictor-wasm.js). Where the wasm-bindgen declarations (predictor/predictor.d.ts) say `any`,
// these name the shapes the module returns.
import type { InitInput } from './predictor/predictor.js';

export type { InitInput };

/** The bundled models. */
export type ModelName = 'improved' | 'seed';

/** Ticket priorities, lowest first. */
export type Priority = 'Low' | 'Medium' | 'High' | 'Critical';

/**
 * A ticket's raw fields, by these names or the CSV export's column names (`Customer Age`,
 * `Ticket Priority`, `Ticket Description`, `Ticket Channel`, `Ticket Type`); numbers may be
 * numeric strings, as form fields are. Other fields are ignored.
 */
export interface Ticket {
  /** The customer's age in years (0 to 120). */
  age: number | string;
  priority: Priority;
  description?: string;
  /** `Email`, `Phone`, `Social media` or `Chat`. */
  channel?: string;
  /** `Technical issue`, `Billing inquiry`, `Cancellation request`, `Product inquiry`, `Refund request`. */
  type?: string;
  [field: string]: unknown;
}

/** One feature's part in a prediction. */
export interface Contribution {
  /** Its identifier, for programs (`priority_ordinal`). */
  feature: string;
  /** What it is, for a person (`Priority`, `Type: Technical issue`). */
  label: string;
  /** What it means, in one line. */
  meaning: string;
  /** The feature's value for this ticket, as the model saw it. */
  value: number;
  /** Its term in the log-odds. */
  contribution: number;
  /** Its part in percentage points of probability. */
  points: number;
}

/** One part of an explanation: an input of the ticket (one or more features). */
export interface Reason {
  /** The input, for a person (`Type`, `Tone of the description (TextBlob, −1 to +1)`). */
  label: string;
  /** Its value for this ticket, in words (`the description's tone is very negative (−0.62)`). */
  text: string;
  /** Percentage points it moved the prediction by. */
  points: number;
  /** `points` in tenths, apportioned so that the shown parts add up to the shown total. */
  shown: number;
  /** Its terms in the log-odds, added up. */
  log_odds: number;
  /** The identifiers of its features. */
  features: string[];
}

/** A prediction explained for a person. */
export interface Explanation {
  /** The probability the points are measured from. */
  base: number;
  base_text: string;
  /** The starting point as a sentence. */
  start: string;
  /** The inputs that moved the prediction most, largest first. */
  reasons: Reason[];
  /** Every other input, added up ("Everything else"). */
  rest: Reason | null;
  /** `100 · (probability − base)`. */
  points: number;
  /** The shown probability minus the shown base, in points; the shown parts add up to it. */
  shown: number;
  /** What the parts add up to, in one sentence. */
  sentence: string;
  /** How the points are computed from the log-odds, in one sentence. */
  method: string;
}

/** A prediction with its explanation: what `predict` returns and `ticket-prediction` carries. */
export interface Prediction {
  /** Probability that the ticket gets resolved. */
  probability: number;
  /** Whether `probability` reaches `threshold`. */
  resolved: boolean;
  threshold: number;
  model: ModelName;
  /** Feature name → value. */
  features: Record<string, number>;
  /** With `intercept`, they add up to `logit`. */
  contributions: Contribution[];
  intercept: number;
  logit: number;
  sentiment: {
    /** The original project's score: TextBlob polarity of its cleaned text. */
    seed: number;
    /** TextBlob polarity of the raw text, -1 to 1. */
    polarity: number;
    /** TextBlob subjectivity, 0 to 1. */
    subjectivity: number;
    /** VADER compound score, -1 to 1. */
    vader: number;
  };
  /** The sentiment figures in one sentence for a person. */
  tone: string;
  /** The ticket's priority as the model read it. */
  priority: {
    value: string;
    rank: number | null;
    /** Whether it is one of the model's own levels. */
    known: boolean;
    /** The model's level it counts as, when it is not one of them. */
    counted_as: string | null;
    /** In words: `High`, `“urgent”, counted as Critical`. */
    text: string;
  };
  /** The prediction explained for a person (binary models). */
  explanation: Explanation | null;
  /** The probability and what it is worth, in plain words. */
  verdict: string;
}

/** Held-out metrics of a model. */
export interface TestMetrics {
  n: number;
  accuracy: number;
  majority_baseline: number;
  balanced_accuracy: number;
  roc_auc: number;
  log_loss: number;
  brier: number;
  [metric: string]: unknown;
}

/** Cross-validation with a permutation test. */
export interface CrossValidation {
  folds: number;
  mean_auc: number;
  null_p95_auc: number;
  p_value: number;
  [metric: string]: unknown;
}

/** A bundled model: its file's content and its held-out results in plain words. */
export interface ModelInfo {
  name: ModelName;
  /** The model's inputs, as its file names them. */
  features: unknown[];
  classes: string[];
  threshold: number;
  metrics: { test: TestMetrics | null; cv: CrossValidation | null };
  /** The held-out results in plain words. */
  summary: string;
  /** What its explanations start from, in words. */
  reference: string;
  /** What it reads, each input by its label and meaning. */
  inputs: { label: string; meaning: string; features: string[] }[];
  /** Its priority levels, lowest rank first. */
  priorities: { value: string; rank: number | null }[];
  [field: string]: unknown;
}

/**
 * Starts the module (once; every call returns the same promise). `wasm` says where the module
 * is; by default `predictor_bg.wasm` next to the glue. A bundled app passes the URL its bundler
 * gave `ticket-insights/predictor_bg.wasm`, before any `<ticket-predictor>` starts it.
 */
export function start(wasm?: InitInput | Promise<InitInput>): Promise<void>;

/**
 * Predicts `ticket` with the bundled model `model`, or one loaded with `loadModel`. Throws an
 * Error naming a bad field (`message` for programs, `displayMessage` for a person, `field`
 * the field's name).
 */
export function predict(ticket: Ticket, model: ModelName | string): Prediction;

/** The probability alone: the cheapest call. */
export function predictProbability(age: number, priority: Priority, description: string, channel: string, type: string, model: ModelName): number;

/** A bundled model's card. */
export function modelInfo(name: ModelName | string): ModelInfo;

/** A role a loaded model reads, as an input (`role` is the field name `predict` takes). */
export interface RoleField {
  role: string;
  label: string;
}

/**
 * Validates a model file and registers it under `name` (not a bundled model's), for `predict`
 * and `modelInfo`; throws an Error naming what is wrong with a file that is not one.
 */
export function loadModel(name: string, bytes: Uint8Array): { name: string; roles: RoleField[]; info: ModelInfo };

/** TextBlob's sentiment of `text`. */
export function sentiment(text: string): { polarity: number; subjectivity: number };

/** TextBlob polarity of `text`. */
export function textblobPolarity(text: string): number;

/** The original project's sentiment score of `text`. */
export function seedScore(text: string): number;

/** VADER's compound score of `text`. */
export function vaderCompound(text: string): number;

/** The original project's `/predict` contract, answered by the seed model. */
export function seedPredict(request: {
  'Customer Age': number;
  'Ticket Priority Numeric': 0 | 1 | 2 | 3;
  'Sentiment Score': number;
}): { prediction: boolean };

/** ASCII letters in `text` (the benchmarks' limit: a pass that only reads the text). */
export function letterCount(text: string): number;
