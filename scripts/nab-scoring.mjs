// NAB scoring (Lavin & Ahmad, "Evaluating Real-time Anomaly Detection Algorithms – the
// Numenta Anomaly Benchmark", 2015), implemented from the whitepaper's description: windows
// of 10% of a file's length shared among its labels and centred on them; the first detection
// in a window scores A_TP·σ(y) with the scaled sigmoid σ(y) = 2/(1 + e^{5y}) − 1 of its
// relative position y (−1 at the window's start, 0 at its end); detections outside windows
// score A_FP·σ(y) by their distance past the previous window (−A_FP when none precedes); each
// missed window −A_FN; the first 15% of a file (at most 750 points) is probationary. The
// total over all files is normalised so the null detector scores 0 and the perfect one 100.

export const PROFILES = {
  standard: { tp: 1, fp: 0.11, fn: 1 },
  reward_low_FP_rate: { tp: 1, fp: 0.22, fn: 1 },
  reward_low_FN_rate: { tp: 1, fp: 0.11, fn: 2 },
};

export const scaledSigmoid = (y) => (y > 3 ? -1 : 2 / (1 + Math.exp(5 * y)) - 1);

/** Windows [left, right] (inclusive) for the labels of a file of n points. */
export const nabWindows = (n, labels) => {
  if (labels.length === 0) return [];
  const len = Math.floor((0.1 * n) / labels.length);
  return labels
    .map((i) => ({
      left: Math.max(0, i - Math.floor(len / 2)),
      right: Math.min(n - 1, i + Math.ceil(len / 2) - 1),
    }))
    .sort((a, b) => a.left - b.left);
};

export const probation = (n) => Math.min(Math.floor(0.15 * n), 750);

/**
 * Raw NAB score of one file's detections (sorted indices) under a profile, plus the counts
 * behind it. Detections in the probationary period are ignored.
 */
export const scoreFile = (n, labels, detections, profile) => {
  const windows = nabWindows(n, labels);
  const start = probation(n);
  const hit = new Array(windows.length).fill(false);
  let raw = 0;
  let tp = 0;
  let fp = 0;
  let w = 0;
  let prev = undefined;
  for (const d of detections) {
    if (d < start) continue;
    while (w < windows.length && windows[w].right < d) prev = windows[w++];
    const cur = windows[w];
    if (cur && d >= cur.left && d <= cur.right) {
      if (!hit[w]) {
        const len = cur.right - cur.left + 1;
        raw += profile.tp * scaledSigmoid(-(cur.right - d + 1) / len);
        hit[w] = true;
        tp++;
      }
      continue;
    }
    fp++;
    raw += prev
      ? profile.fp * scaledSigmoid(Math.abs(d - prev.right) / Math.max(1, prev.right - prev.left))
      : -profile.fp;
  }
  const missed = hit.filter((h) => !h).length;
  raw -= profile.fn * missed;
  return { raw, tp, fp, missed, windows: windows.length };
};

/** Normalised NAB score over files: 100 (raw − null) / (perfect − null). */
export const nabScore = (files, detectionsOf, profile) => {
  let raw = 0;
  let nul = 0;
  let perfect = 0;
  for (const f of files) {
    const labels = f.labels.map((l) => (typeof l === 'number' ? l : l.index));
    const s = scoreFile(f.values.length, labels, detectionsOf(f), profile);
    raw += s.raw;
    nul -= profile.fn * s.windows;
    perfect += profile.tp * scaledSigmoid(-1) * s.windows;
  }
  return (100 * (raw - nul)) / (perfect - nul);
};
