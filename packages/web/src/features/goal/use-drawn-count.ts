// Counts the distinct KPIs whose sparkline has been drawn, so a dashboard can say when it
// is fully on screen (data-ready). Invariant: each KPI counts once however often it reports.

import { useCallback, useRef, useState } from 'react';

export const useDrawnCount = (): readonly [number, (kpi: string) => void] => {
  const seen = useRef(new Set<string>());
  const [count, setCount] = useState(0);
  const report = useCallback((kpi: string) => {
    if (seen.current.has(kpi)) return;
    seen.current.add(kpi);
    setCount(seen.current.size);
  }, []);
  return [count, report] as const;
};
