// Tokenizer cases by hand: negation scope, emoji and emoticons, elongation, URLs and users.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from './tokenizer.js';

test('negation marks every word up to punctuation, and "but" ends the scope', () => {
  assert.deepEqual(tokenize('I do not like this movie, but the music is great'), [
    'i',
    'do',
    'not',
    'like_NEG',
    'this_NEG',
    'movie_NEG',
    ',',
    'but',
    'the',
    'music',
    'is',
    'great',
  ]);
  assert.deepEqual(tokenize("It isn't bad. Good"), ['it', "isn't", 'bad_NEG', '.', 'good']);
  assert.deepEqual(tokenize('never liked it but love it now'), [
    'never',
    'liked_NEG',
    'it_NEG',
    'but',
    'love',
    'it',
    'now',
  ]);
  assert.deepEqual(tokenize('dont go'), ['dont', 'go_NEG']);
});

test('emoticons and emoji map to tokens; unknown emoji stay themselves', () => {
  assert.deepEqual(tokenize('great :) :( <3 :D'), [
    'great',
    'emo_smile',
    'emo_sad',
    'emo_heart',
    'emo_laugh',
  ]);
  assert.deepEqual(tokenize('lol 😂😍 👎 🦄'), ['lol', 'emo_laugh', 'emo_heart', 'emo_angry', '🦄']);
  // Not an emoticon inside a word or a time: "10:30" and "xD" inside "boxDrop".
  assert.deepEqual(tokenize('at 10:30 boxDrop'), ['at', '<num>', ':', '<num>', 'boxdrop']);
});

test('lower case, URLs, @users, hashtags, elongation, caps and punctuation runs', () => {
  assert.deepEqual(tokenize('Sooooo HAPPY!!!! @Bob https://t.co/x #WinningDay'), [
    '<elong>',
    'soo',
    '<caps>',
    'happy',
    '!!',
    '@user',
    '<url>',
    '#winningday',
    'winningday',
  ]);
  assert.deepEqual(tokenize('what?? ok...'), ['what', '??', 'ok', '.']);
  assert.deepEqual(tokenize(''), []);
});
