import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsvLines } from './csv-lines.js';

test('toCsvLines writes the header first and quotes per RFC 4180', () => {
  const lines = [
    ...toCsvLines(
      ['id', 'text', 'n', 'ok', 'empty'],
      [
        ['a', 'plain', 1.5, true, null],
        ['b', 'has, comma', 0, false, null],
        ['c', 'say "hi"', -2, true, 'x'],
        ['d', 'two\nlines', 10_000_000, false, ''],
      ],
    ),
  ];
  assert.deepEqual(lines, [
    'id,text,n,ok,empty',
    'a,plain,1.5,true,',
    'b,"has, comma",0,false,',
    'c,"say ""hi""",-2,true,x',
    'd,"two\nlines",10000000,false,',
  ]);
});

test('toCsvLines is lazy', () => {
  let pulled = 0;
  function* endless(): Generator<readonly string[]> {
    for (;;) {
      pulled++;
      yield ['x'];
    }
  }
  const it = toCsvLines(['c'], endless())[Symbol.iterator]();
  it.next();
  it.next();
  assert.equal(pulled, 1);
});
