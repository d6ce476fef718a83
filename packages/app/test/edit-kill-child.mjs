// Child process for the kill -9 trials of a YAML edit: edits the target of the starter
// KPI conversion_rate `count` times through the use-case (value (1000 + i) / 10000,
// reason "trial edit i"), after writing "kpi-child-ready" to stderr. With
// KPI_TEST_EDIT_PAUSE set, the writer stops at that step for the parent to kill it.
// usage: node edit-kill-child.mjs <project-dir> <count>
import { editKpi, openProject } from '@kpi/app';

const [dir, count] = process.argv.slice(2);
const lp = openProject(dir);
process.stderr.write('kpi-child-ready\n');
for (let i = 0; i < Number(count); i++)
  await editKpi(lp, 'child@example.com', 'conversion_rate', {
    target: { value: (1000 + i) / 10000 },
    reason: `trial edit ${i}`,
  });
process.stderr.write('kpi-child-done\n');
