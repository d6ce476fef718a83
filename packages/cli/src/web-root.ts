// Finds the built web app (@kpi/web's dist/) for `kpi serve`. IO.
// Invariant: answers a folder only when it holds index.html; a missing package or an
// unbuilt app is not an error (the API is served alone).

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type WebRoot =
  { readonly dir: string } | { readonly missing: 'package' | 'build'; readonly looked: string };

export const findWebRoot = (from: string = import.meta.url): WebRoot => {
  let pkg: string;
  try {
    pkg = createRequire(from).resolve('@kpi/web/package.json');
  } catch {
    return { missing: 'package', looked: '@kpi/web' };
  }
  const dir = join(dirname(pkg), 'dist');
  return existsSync(join(dir, 'index.html')) ? { dir } : { missing: 'build', looked: dir };
};
