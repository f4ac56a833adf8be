// Issue 18, BIMI with the network: the logo (SVG Tiny PS) and the mark certificate (VMC/CMC) the record names are
// fetched from an HTTPS server of the test's own on loopback; certificates are made here with openssl (a mark CA,
// a VMC with the BIMI key purpose and the logotype extension, one without them), SVGs good and hostile.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { checkDomain } from '../../src/domain/index.js';
import { markCertificate, svgTinyPsProblems } from '../../src/domain/bimi-assets.js';
import { httpsTestServer, nsd, one } from './helpers.js';

const GOOD_SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 100 100"><title>Przykład Sp. z o.o.</title><rect width="100" height="100" fill="#1a73e8"/><circle cx="50" cy="50" r="30" fill="#fff"/></svg>';
const dir = mkdtempSync(join(tmpdir(), 'mm-bimi-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function openssl(args: string[]): void { execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' }); }
/** A mark CA and two leaves: a VMC as issued (BIMI purpose, logotype) and a plain certificate for the same name. */
function makeCerts(): { vmc: string; plain: string } {
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=Test Mark Certificate Authority', '-days', '3650']);
  const leaf = (name: string, ext: string) => {
    writeFileSync(join(dir, `${name}.cnf`), ext);
    openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', '/CN=Przyklad Brand']);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '365', '-extfile', `${name}.cnf`]);
    return readFileSync(join(dir, `${name}.pem`), 'utf8') + readFileSync(join(dir, 'ca.pem'), 'utf8');
  };
  return {
    vmc: leaf('vmc', 'subjectAltName=DNS:bimi-ok.mm-fleet.test\nextendedKeyUsage=1.3.6.1.5.5.7.3.31\n1.3.6.1.5.5.7.1.12=DER:3000\n'),
    plain: leaf('plain', 'subjectAltName=DNS:bimi-ok.mm-fleet.test\nextendedKeyUsage=serverAuth\n'),
  };
}

let certs: { vmc: string; plain: string };
before(() => { certs = makeCerts(); });

test('SVG Tiny PS: a good logo passes; scripts, animation, outside links, no title, not square, entities, too big, not XML are named', () => {
  assert.deepEqual(svgTinyPsProblems(GOOD_SVG), []);
  const bad = (svg: string, re: RegExp) => assert.match(svgTinyPsProblems(svg).join('; '), re, svg.slice(0, 80));
  bad(GOOD_SVG.replace('baseProfile="tiny-ps"', 'baseProfile="tiny"'), /baseProfile is "tiny"/);
  bad(GOOD_SVG.replace(' version="1.2"', ''), /version is missing/);
  bad(GOOD_SVG.replace('<title>Przykład Sp. z o.o.</title>', ''), /no <title>/);
  bad(GOOD_SVG.replace('</svg>', '<script>alert(1)</script></svg>'), /contains script/);
  bad(GOOD_SVG.replace('</svg>', '<animate attributeName="r" to="40"/></svg>'), /contains animate/);
  bad(GOOD_SVG.replace('<rect', '<rect onclick="x()"'), /event handlers/);
  bad(GOOD_SVG.replace('</svg>', '<use href="https://evil.example/x.svg#a"/></svg>'), /outside resource \(https:\/\/evil\.example/);
  bad(GOOD_SVG.replace('viewBox="0 0 100 100"', 'viewBox="0 0 200 100"'), /not square/);
  bad(GOOD_SVG.replace('<rect', `<desc>${'x'.repeat(40_000)}</desc><rect`), /keep it under 32768/);
  bad('<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + GOOD_SVG.replace('<?xml version="1.0" encoding="UTF-8"?>\n', ''), /declares XML entities/);
  bad('<svg><title>x</svg', /not well-formed|root element/);
  bad('<html><body/></html>', /root element is not <svg>/);
  // Deep nesting and many elements stay bounded.
  const deep = GOOD_SVG.replace('</svg>', `${'<g>'.repeat(5000)}${'</g>'.repeat(5000)}</svg>`);
  const t0 = Date.now();
  svgTinyPsProblems(deep);
  assert.ok(Date.now() - t0 < 2000);
});

test('mark certificate: a VMC for the domain passes; the wrong domain, no BIMI purpose, expired, garbage are named', () => {
  const now = new Date();
  assert.deepEqual(markCertificate(certs.vmc, 'bimi-ok.mm-fleet.test', now).problems, []);
  assert.equal(markCertificate(certs.vmc, 'bimi-ok.mm-fleet.test', now).chain, 2);
  assert.match(markCertificate(certs.vmc, 'other.test', now).problems.join('; '), /it is for bimi-ok\.mm-fleet\.test, not other\.test/);
  const plain = markCertificate(certs.plain, 'bimi-ok.mm-fleet.test', now).problems.join('; ');
  assert.match(plain, /lacks the BIMI key purpose/);
  assert.match(plain, /embeds no logo/);
  assert.match(markCertificate(certs.vmc, 'bimi-ok.mm-fleet.test', new Date(Date.now() + 400 * 86_400_000)).problems.join('; '), /it expired on/);
  assert.match(markCertificate('not a certificate', 'x.test', now).problems[0]!, /no PEM certificate/);
  assert.match(markCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', 'x.test', now).problems[0]!, /cannot be read/);
  // The chain in the wrong order is said.
  const [leaf, ca] = certs.vmc.split(/(?=-----BEGIN CERTIFICATE-----)/);
  assert.match(markCertificate(ca! + leaf!, 'bimi-ok.mm-fleet.test', now).problems.join('; '), /not issued by|it is for/);
});

test('checkDomain fetches the logo and the certificate the BIMI record names (HTTPS on loopback), in both languages', async () => {
  const files: Record<string, string> = { '/logo.svg': GOOD_SVG, '/vmc.pem': certs.vmc };
  const srv = await httpsTestServer((host, path) => (host === 'bimi-ok.mm-fleet.test' ? files[path] : undefined));
  const fetch = srv.fetch;
  try {
    const r = await checkDomain('bimi-ok.mm-fleet.test', { resolver: nsd(), fetch });
    assert.equal(one(r.findings, 'dns.bimi.logo').status, 'ok');
    const cert = one(r.findings, 'dns.bimi.certificate');
    assert.equal(cert.status, 'ok');
    assert.match(cert.summary.pl, /Certyfikat znaku obejmuje bimi-ok\.mm-fleet\.test, jest ważny do \d{4}-\d\d-\d\d, wystawił go Test Mark Certificate Authority/);
    files['/logo.svg'] = GOOD_SVG.replace('</svg>', '<script>x</script></svg>');
    files['/vmc.pem'] = certs.plain;
    const bad = await checkDomain('bimi-ok.mm-fleet.test', { resolver: nsd(), fetch });
    assert.equal(one(bad.findings, 'dns.bimi.logo').status, 'error');
    assert.match(one(bad.findings, 'dns.bimi.logo').summary.pl, /Logo BIMI \(https:\/\/bimi-ok\.mm-fleet\.test\/logo\.svg\) nie spełnia wymagań skrzynek: it contains script/);
    assert.equal(one(bad.findings, 'dns.bimi.certificate').status, 'error');
    delete files['/vmc.pem'];
    const gone = await checkDomain('bimi-ok.mm-fleet.test', { resolver: nsd(), fetch });
    assert.equal(one(gone.findings, 'dns.bimi.certificate').status, 'unknown');
    assert.match(one(gone.findings, 'dns.bimi.certificate').summary.en, /could not be fetched: HTTP 404/);
    // Without the network (fetch: false) nothing is fetched and nothing is said about the files.
    const off = await checkDomain('bimi-ok.mm-fleet.test', { resolver: nsd(), fetch: false });
    assert.ok(!off.findings.some((f) => f.check === 'dns.bimi.logo' || f.check === 'dns.bimi.certificate'));
  } finally { await srv.close(); }
});
