// Done-when: killing the server (kill -9, a child process) between the schedule time and
// the delivery, and starting it again, delivers exactly once — and the scheduled report
// arrives with its PDF attached, marked late. A real DuckDB project, a real SMTP server
// (smtp-server) read with mailparser, chromium for the PDF, the server as a child process
// with its clock stopped at an instant:
//   08:55  first start: the schedule's cursor starts; stopped.
//   09:00:05  the 09:00 run is queued, claimed under a lease, the report rendered; the
//          SMTP server holds the connection before its greeting, and the child is killed.
//   09:20  a new child: the lease has run out, the job is claimed again and sent once.
//   09:40  a third child: nothing more is sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fixedClock, listDeliveries, openProject } from '@kpi/app';
import { startSmtpReceiver, type SmtpReceiver } from '../../app/test/delivery-receivers.js';
import { importRows, makeProject } from '../../app/test/delivery-project.js';

const CHILD = new URL('../test/scheduler-child.mjs', import.meta.url).pathname;
let smtp: SmtpReceiver;
let dir = '';
const children: ChildProcess[] = [];

before(async () => {
  smtp = await startSmtpReceiver();
  dir = await makeProject(
    'kpi-sched-kill-',
    `channels:
  mail: { kind: email, from: kpi@test.local, to: [boss@test.local], host: 127.0.0.1, port: ${smtp.port}, user: kpi, password_secret: SMTP_PASSWORD }
reports:
  monday:
    title: Weekly members report
    schedule: '0 9 * * MON'
    period: last-week
    to: [mail]
`,
  );
  await importRows(
    dir,
    ['2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13', '2026-02-14', '2026-02-15'].map(
      (d) => [d, 1210] as const,
    ),
  );
});
after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the server child at `at`; resolves with it once a log line has `event`. */
const startChild = (at: string, event: string): Promise<{ child: ChildProcess; lines: string[] }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, at], {
      env: { ...process.env, SMTP_PASSWORD: 'pw-from-env' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const lines: string[] = [];
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    let buf = '';
    child.stdout?.on('data', (c: Buffer) => {
      buf += c.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      for (const l of parts) {
        lines.push(l);
        if (l.includes(`"event":"${event}"`)) resolve({ child, lines });
      }
    });
    child.once('exit', (code) =>
      reject(
        new Error(`child at ${at} exited (${String(code)}) before ${event}: ${err}\n${lines.join('\n')}`),
      ),
    );
  });

const exited = (c: ChildProcess): Promise<void> =>
  c.exitCode !== null || c.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => c.once('exit', () => r()));

test('a report run interrupted by kill -9 mid-delivery is sent exactly once after a restart, late, with its PDF', async () => {
  const first = await startChild('2026-02-16T08:55:00Z', 'schedule.ready');
  first.child.kill('SIGTERM');
  await exited(first.child);
  assert.equal(smtp.mails.length, 0);

  // 09:00:05: the run is due; hold the SMTP connection, then kill the server.
  let held!: () => void;
  const connected = new Promise<void>((r) => (held = r));
  smtp.onConnect = () => {
    held();
    return false;
  };
  const second = startChild('2026-02-16T09:00:05Z', 'never');
  second.catch(() => undefined);
  await connected;
  const victim = children[children.length - 1] as ChildProcess;
  victim.kill('SIGKILL');
  await exited(victim);
  assert.equal(victim.signalCode, 'SIGKILL');
  assert.equal(smtp.mails.length, 0, 'nothing was delivered before the kill');

  // 09:20: the lease (5 minutes) has run out; the restarted server delivers it.
  smtp.onConnect = () => true;
  const third = await startChild('2026-02-16T09:20:00Z', 'schedule.ready');
  assert.equal(smtp.mails.length, 1);
  third.child.kill('SIGTERM');
  await exited(third.child);

  // 09:40: started again, nothing more goes out.
  const fourth = await startChild('2026-02-16T09:40:00Z', 'schedule.ready');
  fourth.child.kill('SIGTERM');
  await exited(fourth.child);
  assert.equal(smtp.mails.length, 1, 'delivered exactly once');

  const mail = smtp.mails[0];
  assert.ok(mail);
  assert.equal(mail.subject, '(late) Weekly members report');
  assert.deepEqual(smtp.logins.at(-1), { user: 'kpi', pass: 'pw-from-env' });
  assert.match(String(mail.html), /Keep the community/);
  assert.match(String(mail.html), /was due at 2026-02-16T09:00:00.000Z/);
  const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
  assert.ok(pdf, 'the PDF is attached');
  assert.equal(pdf.filename, 'monday-2026-02-16.pdf');
  assert.equal(pdf.content.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdf.content.length > 5_000);

  const log = await listDeliveries(openProject(dir, { clock: fixedClock('2026-02-16T10:00:00Z') }), {
    name: 'monday',
  });
  assert.deepEqual(
    log.map((d) => [d.outcome, d.channel, d.attempt, d.late, d.scheduledFor]),
    [['sent', 'mail', 2, true, '2026-02-16T09:00:00.000Z']],
  );
});
