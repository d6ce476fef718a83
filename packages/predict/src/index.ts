// Public surface of @kpi/predict: response curves, budget allocation and churn risk. Pure.
export * from './response-curve.js';
export * from './curve-fit.js';
export * from './budget-allocation.js';
export * from './plan-outcome.js';
export * from './churn-data.js';
export * from './logistic-regression.js';
export * from './classifier-metrics.js';
export * from './poisson-binomial.js';
export * from './churn-model.js';
export * from './synthetic-media.js';
export * from './synthetic-churn.js';
export * from './churn-series.js';
