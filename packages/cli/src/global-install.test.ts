// The install line of docs/getting-started.md works: `npm install -g ./packages/cli` into a
// temporary prefix (offline: the package is the checkout's own folder), then the installed
// `kpi` answers --version and creates a project from an unrelated folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../..', import.meta.url).pathname;
let tmp = '';
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'kpi-global-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

test('the documented global install gives a kpi command that works from any folder', () => {
  const guide = readFileSync(join(ROOT, 'docs/getting-started.md'), 'utf8');
  const line = /<!-- install -->\n```text\n(.*)\n```/.exec(guide)?.[1] ?? '';
  const install = line.split('&&').pop()?.trim() ?? '';
  assert.equal(install, 'npm install -g ./packages/cli');
  const prefix = join(tmp, 'prefix');
  const npm = spawnSync(
    'npm',
    [...install.split(' ').slice(1), '--prefix', prefix, '--offline', '--no-audit', '--no-fund'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(npm.status, 0, npm.stderr);
  const kpi = join(prefix, 'bin', 'kpi');
  const elsewhere = mkdtempSync(join(tmp, 'work-'));
  const version = spawnSync(kpi, ['--version'], { cwd: elsewhere, encoding: 'utf8' });
  assert.equal(version.status, 0, version.stderr);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as {
    version: string;
  };
  assert.equal(version.stdout.trim(), `kpi ${pkg.version}`);
  const init = spawnSync(kpi, ['init', 'my-kpis'], { cwd: elsewhere, encoding: 'utf8' });
  assert.equal(init.status, 0, init.stderr);
  assert.ok(existsSync(join(elsewhere, 'my-kpis', 'kpi.yaml')));
  const validate = spawnSync(kpi, ['validate'], { cwd: join(elsewhere, 'my-kpis'), encoding: 'utf8' });
  assert.equal(validate.status, 0, validate.stdout + validate.stderr);
});
