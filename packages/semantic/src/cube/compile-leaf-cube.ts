// Entry point of the leaf cube compiler: project + request -> one statement per scanned
// dataset. Pure. Invariant: either every problem is returned as issues, or every
// statement is complete with user values bound and identifiers quoted.

import { fail, ok, type Project, type Result } from '@kpi/core';
import type { Dialect } from '../dialect.js';
import type { LeafCube, LeafCubeRequest } from './leaf-cube.js';
import { planLeafCube } from './plan-leaf-cube.js';
import { renderLeafCube } from './render-leaf-cube.js';

export const compileLeafCube = (
  project: Project,
  request: LeafCubeRequest,
  dialect: Dialect,
): Result<LeafCube> => {
  const plan = planLeafCube(project, request);
  return plan.ok ? ok(renderLeafCube(plan.value, dialect)) : fail(plan.issues);
};
