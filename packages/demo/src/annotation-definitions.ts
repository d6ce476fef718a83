// Annotations of the demo project: the viral reel, the launch, the bad week (as two
// events: the shipping delay, and the Meta pause scoped to its channel) and each Black
// Friday. Pure. Invariant: sorted by date; every date lies inside the data.

import type { DemoWorld } from './demo-world.js';
import { blackFriday, dayIndexOf } from './demo-world.js';
import type { YamlValue } from './yaml-writer.js';

export const annotationsSection = (w: DemoWorld): readonly YamlValue[] => {
  const annotations: { readonly date: string; readonly [field: string]: YamlValue }[] = [
    {
      date: w.dates[w.viral] ?? w.end,
      title: 'Viral TikTok reel',
      description:
        'A latte-art fail reel took off: TikTok followers and shop visits from TikTok jumped for days.',
      scope: { platform: 'tiktok' },
    },
    {
      date: w.dates[w.launch] ?? w.end,
      title: 'Cold Brew Cans launch and Netherlands opening',
      description: 'New product, launch campaigns on TikTok and Meta, first campaigns in the Dutch market.',
    },
    {
      date: w.dates[w.badStart] ?? w.end,
      end: w.dates[w.badEnd] ?? w.end,
      title: 'Warehouse move: shipping delayed',
      description: 'Orders shipped up to a week late; complaints and support messages piled up.',
    },
    {
      date: w.dates[w.badStart] ?? w.end,
      end: w.dates[w.badEnd] ?? w.end,
      title: 'Meta ads paused during the shipping delay',
      description: 'Meta campaigns ran at about a tenth of their budget, so Meta leads dropped.',
      scope: { channel: 'meta_ads' },
    },
  ];
  for (let y = Number(w.start.slice(0, 4)); y <= Number(w.end.slice(0, 4)); y++) {
    const bf = blackFriday(y);
    if (dayIndexOf(w, bf) >= 0) annotations.push({ date: bf, title: `Black Friday ${y}` });
  }
  annotations.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return annotations;
};
