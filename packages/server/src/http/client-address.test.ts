// The client address behind trusted proxies: X-Forwarded-For read right to left only
// when the socket is a trusted proxy; bad proxy entries refused with a precise message.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientAddress, trustedProxies } from './client-address.js';

describe('client address', () => {
  const trusted = trustedProxies(['127.0.0.1,10.0.0.0/8', '::1']);

  test('an untrusted socket: X-Forwarded-For is ignored', () => {
    assert.equal(clientAddress('203.0.113.9', '1.2.3.4', trusted), '203.0.113.9');
    assert.equal(clientAddress('127.0.0.2', '1.2.3.4', trusted), '127.0.0.2');
    assert.equal(clientAddress('203.0.113.9', undefined, trustedProxies([])), '203.0.113.9');
    assert.equal(clientAddress('127.0.0.1', '1.2.3.4', trustedProxies([])), '127.0.0.1');
  });

  test('a trusted socket: the right-most untrusted hop is the client', () => {
    assert.equal(clientAddress('127.0.0.1', '1.2.3.4', trusted), '1.2.3.4');
    // The client forged "6.6.6.6"; the proxies appended its real address and their own.
    assert.equal(clientAddress('10.1.2.3', '6.6.6.6, 198.51.100.7, 10.9.9.9', trusted), '198.51.100.7');
    assert.equal(clientAddress('::ffff:127.0.0.1', ['6.6.6.6', '198.51.100.7'], trusted), '198.51.100.7');
    assert.equal(clientAddress('::1', '2001:db8::5', trusted), '2001:db8::5');
    assert.equal(clientAddress('127.0.0.1', '10.0.0.5, 10.0.0.6', trusted), '10.0.0.5', 'all hops trusted');
    assert.equal(clientAddress('127.0.0.1', ' , ', trusted), '127.0.0.1');
  });

  test('::ffff: mapped sockets match IPv4 entries', () => {
    assert.ok(trusted.has('::ffff:10.200.0.1'));
    assert.ok(!trusted.has('11.0.0.1'));
    assert.ok(!trusted.has('not an address'));
  });

  test('a bad entry is refused, naming it and showing the form', () => {
    for (const bad of ['localhost', '10.0.0.0/33', '1.2.3.4/x', '::1/129', '1.2.3.4/8/9'])
      assert.throws(
        () => trustedProxies([bad]),
        (e: Error & { code?: string; hint?: string }) =>
          e.code === 'serve.bad_trusted_proxy' &&
          e.message.includes(`"${bad}"`) &&
          /10\.0\.0\.0\/8/.test(e.hint ?? ''),
        bad,
      );
  });
});
