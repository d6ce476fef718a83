// Meeting mode (/meeting, no app frame): TV tiles (value, verdict, target, one line of
// cause) that fit one screen — a goal whose KPIs do not fit is paged, so nothing ever
// scrolls and one rotation shows every KPI. Auto-advances every 20 s (?seconds=N,
// at least 5); previous / pause / next / exit buttons; keys ← → (slides), space (pause),
// Esc (exit); a full-screen button where the browser allows it. Figures refresh every 5 minutes. Motion only when the
// user has not asked for reduced motion (CSS).

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { Scorecard } from '../../api/api-types';
import { useApi } from '../../api/use-api';
import { ErrorBox, Loading } from '../../ui/page-state';
import { fmtDate } from '../../ui/format';
import { slidesOf, tileGrid } from './meeting-pages';
import { MeetingTile } from './meeting-tile';
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

/** The size of an element, kept up to date (a TV can be resized or rotated). */
const useSize = (ref: { readonly current: HTMLElement | null }): { width: number; height: number } => {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = (): void => setSize({ width: el.clientWidth, height: el.clientHeight });
    read();
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
};

export const MeetingPage = () => {
  const sc = useApi<Scorecard>('/api/scorecard');
  const [, navigate] = useLocation();
  const seconds = parseSeconds(useSearch());
  const goals = sc.data?.goals ?? [];
  const stage = useRef<HTMLDivElement>(null);
  const size = useSize(stage);
  const grid = tileGrid(size.width, size.height);
  const slides = slidesOf(
    goals.map((g) => g.kpis.length),
    grid.cols * grid.rows,
  );
  const rot = useRotation(slides.length, seconds);
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

  const slide = slides[rot.index];
  const goal = slide ? goals[slide.goal] : undefined;
  return (
    <div className="meeting" data-paused={rot.paused ? 'true' : 'false'}>
      <div className="meeting-bar" role="group" aria-label="Meeting controls">
        <p className="meeting-progress" aria-live="polite">
          {slide && goals.length > 0
            ? `Goal ${slide.goal + 1} of ${goals.length}${slide.pages > 1 ? ` · page ${slide.page + 1} of ${slide.pages}` : ''}`
            : 'Meeting mode'}
        </p>
        <div className="meeting-controls">
          <button type="button" className="button" onClick={rot.previous} disabled={slides.length < 2}>
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
          <button type="button" className="button" onClick={rot.next} disabled={slides.length < 2}>
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
          {rot.paused ? 'Paused' : `Next slide every ${seconds} s`} · keys: ← → change slide, space pauses,
          Esc exits
        </p>
        {!rot.paused && slides.length > 1 && (
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
        {sc.data && goal && slide && (
          <div key={`${goal.goal}:${slide.page}`} className="meeting-goal">
            <header className="meeting-goal-head">
              <h1>{goal.title}</h1>
              {goal.period && <p className="goal-deadline">to {fmtDate(goal.period.end)}</p>}
            </header>
          </div>
        )}
        <div
          ref={stage}
          className="meeting-tiles"
          style={{
            gridTemplateColumns: `repeat(${grid.cols}, minmax(0, 1fr))`,
            gridTemplateRows: `repeat(${grid.rows}, minmax(0, 1fr))`,
          }}
        >
          {goal &&
            goal.kpis
              .filter((_, i) => slide?.kpis.includes(i))
              .map((r) => <MeetingTile key={r.kpi} reading={r} />)}
        </div>
      </main>
    </div>
  );
};
