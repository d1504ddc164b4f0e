import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode, JujuError, isJujuError } from '../../../src/core/errors.js';
import {
  decodeRequest,
  decodeResponse,
  encodeResponse,
  errorResponse,
  frameText,
  isErrorResponse,
  resultResponse,
} from '../../../src/rpc/envelope.js';
import { errorFromResult, errorResult, fromWireError, toWireError } from '../../../src/rpc/errors.js';

void describe('rpc envelope', () => {
  void it('decodes a v1 request and keeps params', () => {
    const decoded = decodeRequest({
      'request-id': 7,
      type: 'Client',
      version: 8,
      id: '',
      request: 'FullStatus',
      params: { patterns: [] },
    });
    assert.equal(decoded.format, 'v1');
    assert.equal(decoded.invalid, undefined);
    assert.deepEqual(decoded.request, {
      'request-id': 7,
      type: 'Client',
      version: 8,
      id: '',
      request: 'FullStatus',
      params: { patterns: [] },
    });
  });

  void it('treats a missing or zero request-id as the legacy CamelCase format', () => {
    const decoded = decodeRequest({
      RequestId: 3,
      Type: 'Admin',
      Version: 3,
      Request: 'Login',
      Params: { a: 1 },
    });
    assert.equal(decoded.format, 'v0');
    assert.equal(decoded.request['request-id'], 3);
    assert.equal(decoded.request.type, 'Admin');
    assert.deepEqual(decoded.request.params, { a: 1 });
    assert.equal(
      encodeResponse(resultResponse(3, { ok: true }), 'v0'),
      '{"RequestId":3,"Response":{"ok":true}}',
    );
    assert.equal(
      encodeResponse(errorResponse(3, new JujuError(ErrorCode.NotFound, 'x not found')), 'v0'),
      '{"RequestId":3,"Error":"x not found","ErrorCode":"not found"}',
    );
  });

  void it('flags wrongly typed fields but keeps the request id to answer with', () => {
    const decoded = decodeRequest({ 'request-id': 4, type: 'Client', version: '8', request: 'FullStatus' });
    assert.equal(decoded.request['request-id'], 4);
    assert.ok(isJujuError(decoded.invalid, ErrorCode.BadRequest));
    assert.match(decoded.invalid.message, /"version" must be a number/);
  });

  void it('rejects messages that are not objects', () => {
    assert.throws(() => decodeRequest([1, 2]), /not a JSON object/);
    assert.throws(() => decodeRequest('x'), /not a JSON object/);
  });

  void it('encodes void replies as an empty response object', () => {
    assert.equal(encodeResponse(resultResponse(7, undefined), 'v1'), '{"request-id":7,"response":{}}');
    assert.equal(encodeResponse(resultResponse(8, null), 'v1'), '{"request-id":8,"response":{}}');
  });

  void it('encodes errors with code and info only when present', () => {
    assert.equal(
      encodeResponse(
        errorResponse(1, new JujuError(ErrorCode.NotImplemented, 'unknown object type "Foo"')),
        'v1',
      ),
      '{"request-id":1,"error":"unknown object type \\"Foo\\"","error-code":"not implemented"}',
    );
    assert.equal(
      encodeResponse(errorResponse(2, new Error('boom')), 'v1'),
      '{"request-id":2,"error":"boom"}',
    );
    const withInfo = errorResponse(3, new JujuError('redirection required', 'redirect', { 'ca-cert': 'x' }));
    assert.deepEqual(withInfo['error-info'], { 'ca-cert': 'x' });
  });

  void it('decodes client-side replies', () => {
    const ok = decodeResponse({ 'request-id': 5, response: { a: 1 } });
    assert.ok(ok !== null && !isErrorResponse(ok));
    assert.deepEqual(ok.response, { a: 1 });
    const failed = decodeResponse({
      'request-id': 6,
      error: 'nope',
      'error-code': 'not found',
      'error-info': { k: 1 },
    });
    assert.ok(failed !== null && isErrorResponse(failed));
    assert.equal(failed['error-code'], 'not found');
    assert.equal(decodeResponse({ RequestId: 1 }), null);
    assert.equal(decodeResponse(null), null);
  });

  void it('reads every shape ws delivers', () => {
    assert.equal(frameText(Buffer.from('ab')), 'ab');
    assert.equal(frameText([Buffer.from('a'), Buffer.from('b')]), 'ab');
    assert.equal(frameText(new Uint8Array([0x61, 0x62]).buffer), 'ab');
  });
});

void describe('rpc errors', () => {
  void it('maps JujuError to code and info, anything else to message only', () => {
    assert.deepEqual(toWireError(new JujuError(ErrorCode.Unauthorized, 'permission denied')), {
      message: 'permission denied',
      code: 'unauthorized access',
    });
    assert.deepEqual(toWireError(new JujuError(ErrorCode.NotFound, 'x', { a: 1 })), {
      message: 'x',
      code: 'not found',
      info: { a: 1 },
    });
    assert.deepEqual(toWireError(new TypeError('bad')), { message: 'bad' });
    assert.deepEqual(toWireError('plain'), { message: 'plain' });
  });

  void it('rebuilds JujuError from the wire', () => {
    const err = fromWireError({ message: 'model "x" not found', code: 'model not found', info: { m: 'x' } });
    assert.ok(isJujuError(err, ErrorCode.ModelNotFound));
    assert.equal(err.message, 'model "x" not found');
    assert.deepEqual(err.info, { m: 'x' });
    const uncoded = fromWireError({ message: 'boom' });
    assert.equal(uncoded.code, '');
    assert.equal(isJujuError(uncoded, ErrorCode.NotFound), false);
  });

  void it('builds bulk error results', () => {
    assert.deepEqual(errorResult(), {});
    assert.deepEqual(errorResult(null), {});
    assert.deepEqual(errorResult(new JujuError(ErrorCode.NotFound, 'unit "a/0" not found')), {
      error: { message: 'unit "a/0" not found', code: 'not found' },
    });
    assert.deepEqual(errorResult(new Error('boom')), { error: { message: 'boom', code: '' } });
    assert.equal(errorFromResult({}), null);
    assert.ok(
      isJujuError(errorFromResult({ error: { message: 'x', code: 'not found' } }), ErrorCode.NotFound),
    );
  });
});
