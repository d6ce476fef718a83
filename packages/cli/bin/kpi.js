#!/usr/bin/env node
// The kpi command. Runs the compiled CLI (build first: npm run build).
import { runMain } from '../dist/main.js';

runMain();
