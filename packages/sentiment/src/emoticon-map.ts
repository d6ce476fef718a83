// Emoticons and emoji mapped to stable tokens, with a polarity for the lexicon features.
// Pure data. Emoticons are matched case-sensitively before lower-casing (":D" vs ":d");
// an emoji not listed here stays its own token (the hashed features still learn it).

export type Polarity = -1 | 0 | 1;

/** Emoticon text -> token. */
export const EMOTICONS: ReadonlyMap<string, string> = new Map([
  ...[':)', ':-)', ':]', '=)', ':o)', '(:', '(-:', ':}', ':^)'].map((e) => [e, 'emo_smile'] as const),
  ...[':D', ':-D', '=D', 'xD', 'XD', 'xd', ':d'].map((e) => [e, 'emo_laugh'] as const),
  ...[';)', ';-)', ';D', ';-D'].map((e) => [e, 'emo_wink'] as const),
  ...[':p', ':P', ':-p', ':-P', ';p', ';P'].map((e) => [e, 'emo_tongue'] as const),
  ...[':(', ':-(', ':[', '=(', '):', ')-:', ':{', ':c'].map((e) => [e, 'emo_sad'] as const),
  ...[":'(", ":'-(", ';(', 'T_T', 't_t', ';_;'].map((e) => [e, 'emo_cry'] as const),
  ...[':/', ':-/', ':\\', ':-\\', ':|', ':-|', '-_-'].map((e) => [e, 'emo_meh'] as const),
  ...['>:(', '>:-(', 'D:'].map((e) => [e, 'emo_angry'] as const),
  ...['<3', '&lt;3'].map((e) => [e, 'emo_heart'] as const),
  ...['</3'].map((e) => [e, 'emo_broken'] as const),
]);

/** Emoji code point -> token, for the common ones whose meaning is clear. */
export const EMOJI: ReadonlyMap<number, string> = new Map([
  ...[0x1f600, 0x1f603, 0x1f604, 0x1f601, 0x1f642, 0x1f60a, 0x263a, 0x1f607, 0x1f917].map(
    (c) => [c, 'emo_smile'] as const,
  ),
  ...[0x1f602, 0x1f923, 0x1f606, 0x1f605].map((c) => [c, 'emo_laugh'] as const),
  ...[0x1f609, 0x1f61c, 0x1f61d, 0x1f61b].map((c) => [c, 'emo_wink'] as const),
  ...[
    0x1f60d, 0x1f618, 0x1f970, 0x1f63b, 0x1f495, 0x1f496, 0x1f497, 0x1f498, 0x1f499, 0x1f49a, 0x1f49b,
    0x1f49c, 0x1f5a4, 0x1f9e1, 0x2764, 0x1f493, 0x1f49e, 0x1f495,
  ].map((c) => [c, 'emo_heart'] as const),
  ...[
    0x1f44d, 0x1f44f, 0x1f64c, 0x1f389, 0x1f38a, 0x2728, 0x1f525, 0x1f4af, 0x1f60e, 0x1f929, 0x1f973, 0x1f4aa,
    0x2705, 0x1f31f, 0x2b50,
  ].map((c) => [c, 'emo_cheer'] as const),
  ...[0x1f622, 0x1f62d, 0x1f63f, 0x1f97a].map((c) => [c, 'emo_cry'] as const),
  ...[
    0x1f61e, 0x1f614, 0x1f61f, 0x2639, 0x1f641, 0x1f615, 0x1f629, 0x1f62b, 0x1f623, 0x1f616, 0x1f494, 0x1f630,
    0x1f625,
  ].map((c) => [c, 'emo_sad'] as const),
  ...[0x1f620, 0x1f621, 0x1f624, 0x1f92c, 0x1f44e, 0x1f595, 0x1f92e, 0x1f922, 0x1f4a9].map(
    (c) => [c, 'emo_angry'] as const,
  ),
  ...[0x1f612, 0x1f644, 0x1f611, 0x1f610, 0x1f928, 0x1f914, 0x1f62c].map((c) => [c, 'emo_meh'] as const),
]);

/** Polarity of each emoticon/emoji token. */
export const EMO_POLARITY: ReadonlyMap<string, Polarity> = new Map<string, Polarity>([
  ['emo_smile', 1],
  ['emo_laugh', 1],
  ['emo_wink', 1],
  ['emo_tongue', 1],
  ['emo_heart', 1],
  ['emo_cheer', 1],
  ['emo_sad', -1],
  ['emo_cry', -1],
  ['emo_angry', -1],
  ['emo_broken', -1],
  ['emo_meh', -1],
]);
