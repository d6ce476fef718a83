import { scanAnomalies } from './packages/forecast/src/index.js';
const values = Array.from({ length: 60 }, () => 200.5);
values[50] = 210.5;
const s = scanAnomalies({ values });
console.log(s.minHistory, s.points[50], s.points[20]);
