// Meeting mode (/meeting, no app frame): one goal per slide, full screen, large type, the
// goal dashboard's cards without edit controls. Auto-advances every 20 s (?seconds=N,
// at least 5); previous / pause / next / exit buttons; keys ← → (slides), space (pause),
// Esc (exit); a full-screen button where the browser allows it. Figures refresh every 5 minutes. Motion only when the
// user has not asked for reduced motion (CSS).

import { useEffect, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { Scorecard } from '../../api/api-types';
import { useApi } from '../../api/use-api';
import { ErrorBox, Loading } from '../../ui/page-state';
import { GoalHeader } from '../goal/goal-header';
import { KpiGroups } from '../goal/kpi-groups';
import { parseSeconds, useRotation } from './use-rotation';

const REFRESH_MS = 5 * 60_000;

const isTyping = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
const isControl = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && ['BUTTON', 'A', 'SUMMARY'].includes(t.tagName);

const useFullscreen = (): { supported: boolean; active: boolean; toggle: () => void } => {
  const supported = typeof document !== 'undefined' && document.fullscreenEnabled === true;
  const [active, setActive] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const on = (): void => setActive(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);
  const toggle = (): void => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen().catch(() => undefined);
  };
  return { supported, active, toggle };
};

export const MeetingPage = () => {
  const sc = useApi<Scorecard>('/api/scorecard');
  const [, navigate] = useLocation();
  const seconds = parseSeconds(useSearch());
  const goals = sc.data?.goals ?? [];
  const rot = useRotation(goals.length, seconds);
  const full = useFullscreen();
  // A team screen stays up for hours: fetch fresh figures every few minutes (the slides
  // keep showing the last ones meanwhile).
  const { reload } = sc;
  useEffect(() => {
    const t = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(t);
  }, [reload]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (e.key === 'ArrowRight') rot.next();
      else if (e.key === 'ArrowLeft') rot.previous();
      else if (e.key === 'Escape') navigate('/');
      else if (e.key === ' ' && !isControl(e.target)) rot.togglePause();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rot, navigate]);

  const goal = goals[rot.index];
  return (
    <div className="meeting" data-paused={rot.paused ? 'true' : 'false'}>
      <div className="meeting-bar" role="group" aria-label="Meeting controls">
        <p className="meeting-progress" aria-live="polite">
          {goals.length > 0 ? `Goal ${rot.index + 1} of ${goals.length}` : 'Meeting mode'}
        </p>
        <div className="meeting-controls">
          <button type="button" className="button" onClick={rot.previous} disabled={goals.length < 2}>
            <span aria-hidden="true">←</span> Previous
          </button>
          <button type="button" className="button" onClick={rot.togglePause} aria-pressed={rot.paused}>
            {rot.paused ? (
              <>
                <span aria-hidden="true">▶</span> Play
              </>
            ) : (
              <>
                <span aria-hidden="true">❚❚</span> Pause
              </>
            )}
          </button>
          <button type="button" className="button" onClick={rot.next} disabled={goals.length < 2}>
            Next <span aria-hidden="true">→</span>
          </button>
          {full.supported && (
            <button type="button" className="button" onClick={full.toggle}>
              {full.active ? 'Leave full screen' : 'Full screen'}
            </button>
          )}
          <Link className="button" href="/">
            Exit
          </Link>
        </div>
        <p className="meeting-help">
          {rot.paused ? 'Paused' : `Next goal every ${seconds} s`} · keys: ← → change goal, space pauses, Esc
          exits
        </p>
        {!rot.paused && goals.length > 1 && (
          <div
            key={rot.index}
            className="meeting-timer"
            style={{ animationDuration: `${seconds}s` }}
            aria-hidden="true"
          />
        )}
      </div>
      <main className="meeting-slide" id="main">
        {!sc.data && sc.state === 'error' && (
          <ErrorBox error={sc.error} title="Could not load the scorecard" />
        )}
        {!sc.data && sc.state === 'loading' && <Loading what="the goals" />}
        {sc.data && !goal && <p>There are no goals to show yet.</p>}
        {sc.data && goal && (
          <div key={goal.goal} className="meeting-goal">
            <GoalHeader goal={goal} asOf={sc.data.asOf} />
            <KpiGroups goal={goal.goal} readings={goal.kpis} />
          </div>
        )}
      </main>
    </div>
  );
};
