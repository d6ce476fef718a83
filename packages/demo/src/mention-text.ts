// Short English mention texts about Northwind Coffee: positive, neutral, negative (the
// shipping-delay complaints of the bad week among them) and mentions of competitors; and
// the competitors' own mentions (for share of voice). Pure. Invariants: the text alone
// carries the tone; no label is produced; every shipping complaint names the planted
// theme word (PLANTED_THEME) and no other template does.

import type { Rng } from './random-source.js';

export const BRAND = 'Northwind Coffee';
export const COMPETITORS = ['BeanBrothers', 'Roast & Co', 'Kaffeekraft'] as const;
/** The `brand` column's values: the brand first, then the competitors (same order as COMPETITORS). */
export const BRAND_MEMBERS = ['northwind', 'beanbrothers', 'roast_co', 'kaffeekraft'] as const;
export type BrandMember = (typeof BRAND_MEMBERS)[number];
/** The word every complaint of the bad week's burst uses: what a theme analysis should find. */
export const PLANTED_THEME = 'shipping';
export type MentionTone = 'positive' | 'neutral' | 'negative' | 'shipping' | 'competitor';

const PRODUCTS = [
  'espresso blend',
  'Ethiopia Yirgacheffe beans',
  'oat latte pods',
  'decaf',
  'subscription box',
  'filter roast',
  'Colombia Huila',
];
const PRAISE = [
  'smooth and chocolatey',
  'seriously good',
  'perfect for my moka pot',
  'so fresh',
  'worth every cent',
];
const MOMENTS = ['a quiet Sunday', 'the 7am standup', 'a rainy afternoon', 'my first day off in weeks'];
const PLACES = ['the Hamburg food market', 'a pop-up in Vienna', 'the Amsterdam coffee fest', 'Berlin Hbf'];
const COUNTRIES = ['Belgium', 'Switzerland', 'Denmark', 'Poland'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'last week'];
const COMPLAINTS = ['stale', 'way too bitter', 'weaker than usual', 'not what I ordered'];
const TAGS = ['', '', '', ' #coffee', ' #morningcoffee', ' #specialtycoffee'];

type Slots = (rng: Rng, product: string) => string;

const TEMPLATES: Readonly<Record<MentionTone, readonly Slots[]>> = {
  positive: [
    (r, p) => `Just tried the ${p} from ${BRAND} and wow, ${r.pick(PRAISE)}.`,
    (r, p) => `@northwindcoffee your ${p} is ${r.pick(PRAISE)}. Subscribed for good.`,
    (r, p) => `Morning ritual: ${p} and ${r.pick(MOMENTS)}. Thanks Northwind!`,
    (_r, p) => `Northwind's ${p} arrived in two days and tastes amazing.`,
    (_r, p) => `Honestly the best ${p} I've had this year. Well done ${BRAND}.`,
    (_r, p) => `Northwind calls the ${p} "smooth". I call it perfect, and I don't say that often.`,
  ],
  neutral: [
    (r, p) => `Has anyone compared the ${p} from ${BRAND} with the one from ${r.pick(COMPETITORS)}?`,
    (_r, p) => `${BRAND} has a discount on the ${p} this week.`,
    (r) => `Saw a ${BRAND} stand at ${r.pick(PLACES)} today.`,
    (r) => `Does Northwind ship to ${r.pick(COUNTRIES)}?`,
    (_r, p) => `Trying Northwind's ${p} tomorrow, will report back.`,
    (_r, p) => `Ordered the ${p} from ${BRAND}, first time buying coffee online.`,
  ],
  negative: [
    (r, p) => `The ${p} was ${r.pick(COMPLAINTS)} this time. Disappointed, ${BRAND}.`,
    () => `Cancelled my Northwind subscription, too expensive for what it is.`,
    (r) => `Northwind support took ${2 + r.int(20)} hours to reply. Not great.`,
    (_r, p) => `Bag of ${p} arrived torn, coffee all over the box. Not happy.`,
  ],
  shipping: [
    (r) =>
      `My Northwind order is ${3 + r.int(6)} days late, shipping is a mess and nobody answers my emails.`,
    (r, p) =>
      `Still waiting for my ${p} from ${BRAND}. Shipping tracking hasn't moved since ${r.pick(WEEKDAYS)}.`,
    () => `Where is my order, @northwindcoffee? Paid for express shipping, got nothing.`,
    () => `Northwind, "free shipping in 24 hours" my foot. A week and still no coffee.`,
    () => `Worst delivery experience this year. ${BRAND}, fix your shipping.`,
    (r) => `Day ${3 + r.int(5)} without my subscription box. Shipping updates never come, chat is useless.`,
  ],
  competitor: [
    (r, p) => `Switched from Northwind to ${r.pick(COMPETITORS)}, their ${p} is cheaper.`,
    (r) => {
      const c = r.pick(COMPETITORS);
      return `${c} vs ${BRAND}: Northwind wins on taste, ${c} on price.`;
    },
    (r) => `${r.pick(COMPETITORS)} just launched cold brew too. Looks a lot like Northwind's.`,
    (r) => `Prefer the espresso beans from ${r.pick(COMPETITORS)}, honestly.`,
    (r) => `Tried ${r.pick(COMPETITORS)} after Northwind. Nice packaging, flat taste.`,
  ],
};

/** A mention text in `tone`; the cold brew cans are only mentioned after the launch. */
export const mentionText = (rng: Rng, tone: MentionTone, afterLaunch: boolean): string => {
  const product = afterLaunch && rng.next() < 0.3 ? 'cold brew cans' : rng.pick(PRODUCTS);
  return rng.pick(TEMPLATES[tone])(rng, product) + rng.pick(TAGS);
};

const RIVAL_TEMPLATES: Readonly<
  Record<'positive' | 'neutral' | 'negative', readonly ((rng: Rng, c: string) => string)[]>
> = {
  positive: [
    (r, c) => `The new roast from ${c} is ${r.pick(PRAISE)}.`,
    (r, c) => `${c} made ${r.pick(MOMENTS)} better. Great coffee.`,
    (_r, c) => `Big fan of the ${c} subscription, never had a bad bag.`,
  ],
  neutral: [
    (r, c) => `${c} has a stand at ${r.pick(PLACES)} this weekend.`,
    (r, c) => `Does ${c} ship to ${r.pick(COUNTRIES)}?`,
    (_r, c) => `${c} announced new prices for their beans.`,
    (_r, c) => `Ordering from ${c} for the office this month.`,
  ],
  negative: [
    (r, c) => `The beans from ${c} were ${r.pick(COMPLAINTS)}. Disappointed.`,
    (_r, c) => `${c} raised prices again, not worth it anymore.`,
  ],
};

/** A mention of a competitor, `competitor` being its display name. */
export const rivalMentionText = (rng: Rng, competitor: string): string => {
  const u = rng.next();
  const tone = u < 0.45 ? 'positive' : u < 0.85 ? 'neutral' : 'negative';
  return rng.pick(RIVAL_TEMPLATES[tone])(rng, competitor) + rng.pick(TAGS);
};
