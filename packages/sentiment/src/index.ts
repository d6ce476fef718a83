// @kpi/sentiment: the project's own sentiment model (tokenizer, hashed features, softmax
// scorer, calibration, training, weights codec, the bundled weights). Pure at run time.
export * from './tokenizer.js';
export * from './emoticon-map.js';
export * from './lexicon-features.js';
export * from './feature-hashing.js';
export * from './sentiment-model.js';
export * from './softmax-training.js';
export * from './calibration.js';
export * from './weights-codec.js';
export * from './bundled-model.js';
export * from './theme-terms.js';
