import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import { ErrorCode, isJujuError } from '../../../src/core/errors.js';
import { apiHttpRequest } from '../../../src/api/http.js';
import {
  decodeRegistrationString,
  encodeRegistrationString,
  registerWithController,
} from '../../../src/api/registration.js';
import { handleRegister } from '../../../src/controller/apiserver/register.js';
import { startTestServer, type TestServer } from './fixtures.js';

const key = (): Uint8Array => new Uint8Array(randomBytes(32));

void describe('registration string', () => {
  void it('round-trips every field', () => {
    const info = {
      user: 'bob',
      addrs: ['10.0.0.2:17070', '[fd00::2]:17070'],
      secretKey: key(),
      controllerName: 'prod-ctrl',
      proxyConfig: 'http-proxy: http://p:3128\n',
    };
    const token = encodeRegistrationString(info);
    assert.match(token, /^[A-Za-z0-9_-]+$/, 'base64url without padding');
    assert.equal(Buffer.from(token, 'base64url').length % 3, 0, 'data padded to a multiple of 3');
    const decoded = decodeRegistrationString(token);
    assert.deepEqual(
      { ...decoded, secretKey: [...decoded.secretKey] },
      { ...info, secretKey: [...info.secretKey] },
    );
  });

  void it('defaults proxy config to empty and tolerates surrounding whitespace', () => {
    for (const name of ['c', 'ctl', 'ctrl']) {
      // Different lengths exercise 0, 1 and 2 padding bytes.
      const token = encodeRegistrationString({
        user: 'al',
        addrs: ['1.2.3.4:17070'],
        secretKey: key(),
        controllerName: name,
      });
      const decoded = decodeRegistrationString(`  ${token}\n`);
      assert.equal(decoded.controllerName, name);
      assert.equal(decoded.proxyConfig, '');
    }
  });

  void it('is a DER SEQUENCE of the five fields', () => {
    const secretKey = key();
    const token = encodeRegistrationString({ user: 'bob', addrs: ['a:1'], secretKey, controllerName: 'c' });
    const bytes = Buffer.from(token, 'base64url');
    const parsed = asn1js.fromBER(new Uint8Array(bytes).buffer);
    assert.ok(parsed.result instanceof asn1js.Sequence);
    const fields = parsed.result.valueBlock.value;
    assert.equal(fields.length, 5);
    assert.ok(fields[0] instanceof asn1js.Utf8String);
    assert.ok(fields[1] instanceof asn1js.Sequence);
    assert.ok(fields[2] instanceof asn1js.OctetString);
    assert.deepEqual([...new Uint8Array(fields[2].valueBlock.valueHexView)], [...secretKey]);
    assert.ok(bytes.subarray(parsed.offset).every((b) => b === 0));
  });

  void it('accepts PrintableString fields and a missing proxy config (older encoders)', () => {
    const secretKey = key();
    const der = new asn1js.Sequence({
      value: [
        new asn1js.PrintableString({ value: 'bob' }),
        new asn1js.Sequence({ value: [new asn1js.PrintableString({ value: '10.0.0.2:17070' })] }),
        new asn1js.OctetString({ valueHex: new Uint8Array(secretKey).buffer }),
        new asn1js.Utf8String({ value: 'c' }),
      ],
    }).toBER(false);
    const token = Buffer.from(der).toString('base64url');
    const decoded = decodeRegistrationString(token);
    assert.equal(decoded.user, 'bob');
    assert.deepEqual(decoded.addrs, ['10.0.0.2:17070']);
    assert.equal(decoded.proxyConfig, '');
  });

  void it('rejects malformed tokens with a clear error', () => {
    const valid = encodeRegistrationString({
      user: 'bob',
      addrs: ['a:1'],
      secretKey: key(),
      controllerName: 'c',
    });
    const shortKey = Buffer.from(
      new asn1js.Sequence({
        value: [
          new asn1js.Utf8String({ value: 'bob' }),
          new asn1js.Sequence({ value: [new asn1js.Utf8String({ value: 'a:1' })] }),
          new asn1js.OctetString({ valueHex: new Uint8Array(5).buffer }),
          new asn1js.Utf8String({ value: 'c' }),
        ],
      }).toBER(false),
    ).toString('base64url');
    const cases: Array<[string, RegExp]> = [
      ['', /not base64url data/],
      ['not base64!!', /not base64url data/],
      ['AAAA', /./],
      ['aGVsbG8gd29ybGQ', /./],
      [
        Buffer.from(new asn1js.Utf8String({ value: 'x' }).toBER(false)).toString('base64url'),
        /expected an ASN.1 SEQUENCE/,
      ],
      [shortKey, /secret key: expected 32 bytes, got 5/],
      [
        Buffer.concat([Buffer.from(valid, 'base64url'), Buffer.from([1, 2, 3])]).toString('base64url'),
        /unexpected data after/,
      ],
      [valid.slice(0, 20), /./],
    ];
    for (const [token, reason] of cases) {
      assert.throws(
        () => decodeRegistrationString(token),
        (err: unknown) => {
          assert.ok(isJujuError(err, ErrorCode.NotValid), `${token}: ${String(err)}`);
          assert.match(err.message, /^invalid registration token: /);
          assert.match(err.message, reason);
          return true;
        },
      );
    }
    assert.throws(
      () =>
        encodeRegistrationString({
          user: 'b',
          addrs: ['a:1'],
          secretKey: new Uint8Array(3),
          controllerName: 'c',
        }),
      /secret key must be 32 bytes/,
    );
  });
});

void describe('register exchange against a real api server', () => {
  let ts: TestServer;
  const pending = new Map<string, Uint8Array>();
  const passwords = new Map<string, string>();
  const CONTROLLER_UUID = 'deadbeef-1111-2222-3333-444444444444';

  before(async () => {
    ts = await startTestServer({
      register: (body) =>
        handleRegister(
          body,
          (tag) => {
            const secretKey = pending.get(tag);
            return Promise.resolve(secretKey === undefined ? null : { secretKey });
          },
          (tag, password) => {
            passwords.set(tag, password);
            pending.delete(tag); // the key is single-use
            return Promise.resolve({ caCert: ts.caCert, controllerUuid: CONTROLLER_UUID });
          },
        ),
    });
  });

  after(async () => {
    await ts.server.stop();
  });

  void it('sets the password and returns the CA and controller uuid', async () => {
    const secretKey = key();
    pending.set('user-bob', secretKey);
    const token = encodeRegistrationString({
      user: 'bob',
      addrs: [ts.address],
      secretKey,
      controllerName: 'test',
    });
    const info = decodeRegistrationString(token);
    const result = await registerWithController({
      addr: info.addrs[0] ?? '',
      user: info.user,
      secretKey: info.secretKey,
      password: 'hunter2',
    });
    assert.deepEqual(result, { caCert: ts.caCert, controllerUuid: CONTROLLER_UUID, proxyConfig: '' });
    assert.equal(passwords.get('user-bob'), 'hunter2');
    // Second use of the same key: the user no longer has one.
    await assert.rejects(
      registerWithController({ addr: ts.address, user: 'bob', secretKey, password: 'again' }),
      (err: unknown) => {
        assert.ok(isJujuError(err, ErrorCode.NotFound));
        assert.equal(err.message, 'secret key for user "bob" not found');
        return true;
      },
    );
  });

  void it('refuses a wrong secret key', async () => {
    pending.set('user-carol', key());
    await assert.rejects(
      registerWithController({ addr: ts.address, user: 'carol', secretKey: key(), password: 'pw' }),
      (err: unknown) => {
        assert.ok(isJujuError(err, ErrorCode.NotValid));
        assert.equal(err.message, 'invalid registration: secret key not valid');
        return true;
      },
    );
    assert.equal(passwords.has('user-carol'), false);
  });

  void it('answers malformed requests with Juju error bodies', async () => {
    const target = { address: ts.address, caCert: ts.caCert };
    const notJson = await apiHttpRequest(target, 'POST', '/register', {
      body: 'garbage',
      allowErrorStatus: true,
    });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.json<{ error: { code: string } }>().error.code, 'bad request');
    const missing = await apiHttpRequest(target, 'POST', '/register', {
      body: { user: 'user-bob' },
      allowErrorStatus: true,
    });
    assert.equal(missing.status, 400);
    assert.match(missing.text(), /invalid registration request: missing \\"nonce\\"/);
    const badNonce = await apiHttpRequest(target, 'POST', '/register', {
      body: { user: 'user-bob', nonce: Buffer.alloc(5).toString('base64'), 'cipher-text': 'AAAA' },
      allowErrorStatus: true,
    });
    assert.equal(badNonce.status, 500);
    assert.match(badNonce.text(), /nonce must be 24 bytes/);
    const badTag = await apiHttpRequest(target, 'POST', '/register', {
      body: { user: 'machine-0', nonce: 'AAAA', 'cipher-text': 'AAAA' },
      allowErrorStatus: true,
    });
    assert.equal(badTag.status, 400);
    assert.match(badTag.text(), /invalid registration request: \\"machine-0\\" is not a valid user tag/);
    const wrongMethod = await apiHttpRequest(target, 'GET', '/register', { allowErrorStatus: true });
    assert.equal(wrongMethod.status, 405);
  });

  void it('fails when the reply does not decrypt (not the controller that issued the key)', async () => {
    const impostor = await startTestServer({
      register: () =>
        Promise.resolve({
          nonce: randomBytes(24).toString('base64'),
          'cipher-text': randomBytes(80).toString('base64'),
        }),
    });
    try {
      await assert.rejects(
        registerWithController({ addr: impostor.address, user: 'bob', secretKey: key(), password: 'pw' }),
        /invalid registration response: cannot decrypt/,
      );
    } finally {
      await impostor.server.stop();
    }
  });

  void it('reports an unreachable controller', async () => {
    const gone = await startTestServer();
    const address = gone.address;
    await gone.server.stop();
    await assert.rejects(
      registerWithController({ addr: address, user: 'bob', secretKey: key(), password: 'pw' }),
      new RegExp(`cannot connect to API: ${address}: connection refused`),
    );
  });
});
