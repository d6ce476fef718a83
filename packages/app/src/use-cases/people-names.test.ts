// Owners shown by name: the account's name when there is one, else the email's local
// part as words; names written as names stay as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayName } from './people-names.js';

const accounts = new Map([['maria@shop.example', 'María López']]);

test('an email with an account shows the account name', () => {
  assert.equal(displayName('maria@shop.example', accounts), 'María López');
  assert.equal(displayName('Maria@Shop.example', accounts), 'María López');
});

test('an email without an account shows its local part as words', () => {
  assert.equal(displayName('anna.berg@shop.example', accounts), 'Anna Berg');
  assert.equal(displayName('j_smith-jones@x.io', accounts), 'J Smith Jones');
});

test('a name stays as written', () => {
  assert.equal(displayName('Head of growth', accounts), 'Head of growth');
  assert.equal(displayName('@handle', accounts), '@handle');
});
