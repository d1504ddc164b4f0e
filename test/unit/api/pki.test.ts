import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SERVER_CERT_DNS_NAMES,
  certificateFingerprint,
  createCA,
  issueServerCert,
} from '../../../src/pki/certificates.js';

const YEAR_MS = 365 * 24 * 3600 * 1000;

void describe('controller pki', () => {
  void it('creates a 10-year CA and a serving certificate with the fixed SANs', async (t) => {
    const started = performance.now();
    const ca = await createCA('my-ctrl');
    const caDone = performance.now();
    const serving = await issueServerCert(ca, {
      ipAddresses: ['10.0.0.2', 'fd00::2'],
      dnsNames: ['ctl.example.com'],
    });
    const done = performance.now();
    t.diagnostic(
      `createCA ${(caDone - started).toFixed(1)} ms, issueServerCert ${(done - caDone).toFixed(1)} ms`,
    );

    const caCert = new X509Certificate(ca.certPem);
    assert.equal(caCert.ca, true);
    // node escapes the quotes when printing the subject; the stored value has plain quotes.
    assert.match(caCert.subject, /CN=juju-generated CA for model \\"my-ctrl\\"/);
    const lifetime = Date.parse(caCert.validTo) - Date.parse(caCert.validFrom);
    assert.ok(Math.abs(lifetime - 10 * YEAR_MS) < 24 * 3600 * 1000, `CA valid ~10 years, got ${lifetime}`);
    assert.ok(caCert.verify(caCert.publicKey), 'self-signed');

    const leaf = new X509Certificate(serving.certPem);
    assert.equal(leaf.ca, false);
    assert.ok(leaf.checkIssued(caCert));
    assert.ok(leaf.verify(caCert.publicKey));
    const sans = leaf.subjectAltName ?? '';
    for (const name of [...SERVER_CERT_DNS_NAMES, 'ctl.example.com'])
      assert.ok(sans.includes(`DNS:${name}`), name);
    assert.ok(sans.includes('IP Address:10.0.0.2'));
    assert.ok(
      sans.includes('IP Address:FD00:0:0:0:0:0:0:2') || sans.includes('IP Address:fd00:0:0:0:0:0:0:2'),
    );
    assert.equal(leaf.checkHost('juju-apiserver'), 'juju-apiserver');
    assert.ok(Date.parse(leaf.validFrom) <= Date.now());

    // Keys are PKCS#8 PEM that node:tls accepts, and match their certificates.
    assert.match(serving.keyPem, /^-----BEGIN PRIVATE KEY-----/);
    assert.ok(leaf.checkPrivateKey(createPrivateKey(serving.keyPem)));
    assert.ok(caCert.checkPrivateKey(createPrivateKey(ca.keyPem)));

    assert.match(certificateFingerprint(ca.certPem), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.ok(done - started < 2000, 'fast enough for bootstrap');
  });

  void it('issues from CA keys in other PEM formats (SEC1 EC, RSA)', async () => {
    const ca = await createCA();
    const sec1 = createPrivateKey(ca.keyPem).export({ type: 'sec1', format: 'pem' }).toString();
    const fromSec1 = await issueServerCert(
      { certPem: ca.certPem, keyPem: sec1 },
      { ipAddresses: [], dnsNames: [] },
    );
    assert.ok(new X509Certificate(fromSec1.certPem).verify(new X509Certificate(ca.certPem).publicKey));

    const dir = mkdtempSync(join(tmpdir(), 'pki-test-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '2',
          '-subj',
          '/CN=rsa-ca',
          '-keyout',
          join(dir, 'ca.key'),
          '-out',
          join(dir, 'ca.crt'),
        ],
        { stdio: 'ignore' },
      );
      const rsaCa = {
        certPem: readFileSync(join(dir, 'ca.crt'), 'utf8'),
        keyPem: readFileSync(join(dir, 'ca.key'), 'utf8'),
      };
      const leaf = await issueServerCert(rsaCa, { ipAddresses: ['127.0.0.1'], dnsNames: [] });
      const caCert = new X509Certificate(rsaCa.certPem);
      assert.ok(new X509Certificate(leaf.certPem).verify(caCert.publicKey));
      assert.ok(new X509Certificate(leaf.certPem).checkIssued(caCert));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
