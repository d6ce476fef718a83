// Public surface of @kpi/demo: the built-in demo project generator. Pure.
export type { DemoDataset, DemoFile, DemoOptions, DemoProject, DemoRow, DemoValue } from './demo-types.js';
export { generateDemo, demoPlantedBurst, demoPlantedCurves, LARGE_SCALE_ROWS } from './generate-demo.js';
export type { PlantedCurve } from './media-response.js';
export { toCsvLines, csvField } from './csv-lines.js';
