// The clientConfig (autoconfig / ISPDB) reader on XML as XML is written: either quote, CDATA, character
// references, namespace prefixes — and a DOCTYPE's own entities never expanded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseClientConfig } from '../../src/settings/index.js';

/** A one-server document; `server` is the inner XML of <incomingServer>, `head` goes before <clientConfig>. */
const doc = (server: string, opts: { head?: string; providerAttrs?: string; extra?: string } = {}) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${opts.head ?? ''}<clientConfig version="1.1">` +
  `<emailProvider ${opts.providerAttrs ?? 'id="example.test"'}><domain>example.test</domain>${opts.extra ?? ''}` +
  `<incomingServer type="imap">${server}</incomingServer></emailProvider></clientConfig>`;
const IMAP = '<port>993</port><socketType>SSL</socketType><username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>';

test('clientConfig: single-quoted attributes are read like double-quoted ones', () => {
  const p = parseClientConfig(`<clientConfig version='1.1'><emailProvider id='single.test'><domain>single.test</domain>` +
    `<incomingServer type='imap'><hostname>imap.single.test</hostname>${IMAP}</incomingServer>` +
    `<outgoingServer type='smtp'><hostname>smtp.single.test</hostname><port>465</port><socketType>SSL</socketType></outgoingServer>` +
    `</emailProvider></clientConfig>`)!;
  assert.equal(p.id, 'single.test');
  assert.deepEqual(p.servers.map((s) => `${s.protocol} ${s.host}:${s.port} ${s.socket}`), ['imap imap.single.test:993 SSL', 'smtp smtp.single.test:465 SSL']);
  // A quote of the other kind inside the value is part of it.
  assert.equal(parseClientConfig(doc(`<hostname>h.test</hostname>${IMAP}`, { providerAttrs: `id='o"k'` }))!.id, 'o"k');
});

test('clientConfig: CDATA is text, read as written (references inside it stay as they are)', () => {
  const p = parseClientConfig(doc(`<hostname><![CDATA[ imap.cdata.test ]]></hostname>${IMAP}`, {
    extra: '<displayName><![CDATA[R&D <Mail>]]></displayName>',
  }))!;
  assert.equal(p.servers[0]?.host, 'imap.cdata.test');
  assert.equal(p.name, 'R&D <Mail>');
  assert.equal(parseClientConfig(doc(`<hostname>imap<![CDATA[.mixed]]>.test</hostname>${IMAP}`))!.servers[0]?.host, 'imap.mixed.test');
  assert.equal(parseClientConfig(doc(`<hostname>h.test</hostname>${IMAP}`, { extra: '<displayName><![CDATA[a&amp;b]]></displayName>' }))!.name, 'a&amp;b');
});

test('clientConfig: numeric and named character references are decoded', () => {
  const p = parseClientConfig(doc(`<hostname>imap&#46;refs&#x2E;test</hostname><port>&#57;93</port><socketType>S&#x53;L</socketType>`, {
    providerAttrs: 'id="refs&#46;test"', extra: '<displayName>Tom &amp; Jerry &lt;Mail&gt; &quot;q&quot; &apos;a&apos; Zażółć &#x17C;</displayName>',
  }))!;
  assert.equal(p.id, 'refs.test');
  assert.equal(p.name, `Tom & Jerry <Mail> "q" 'a' Zażółć ż`);
  assert.deepEqual(p.servers[0] && [p.servers[0].host, p.servers[0].port, p.servers[0].socket], ['imap.refs.test', 993, 'SSL']);
  // Decoded once: "&amp;lt;" is the text "&lt;", not "<".
  assert.equal(parseClientConfig(doc(`<hostname>h.test</hostname>${IMAP}`, { extra: '<displayName>&amp;lt;</displayName>' }))!.name, '&lt;');
  // References XML forbids (NUL, surrogate halves, beyond Unicode) and unknown names stay as written.
  assert.equal(parseClientConfig(doc(`<hostname>h.test</hostname>${IMAP}`, { extra: '<displayName>&#0;&#xD800;&#x110000;&nbsp;</displayName>' }))!.name,
    '&#0;&#xD800;&#x110000;&nbsp;');
});

test('clientConfig: a DOCTYPE\'s entities are never expanded (billion laughs stays small and fast)', () => {
  const laughs = '<!DOCTYPE clientConfig [\n<!ENTITY lol "lol">\n' +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n') +
    '\n<!ENTITY big "' + 'x'.repeat(9000) + '">\n<!ENTITY host "evil.test">\n]>\n';
  const t0 = Date.now();
  const p = parseClientConfig(doc(`<hostname>&host;</hostname>${IMAP}`, { head: laughs, extra: '<displayName>&lol9;&big;&big;&big;</displayName>' }))!;
  assert.ok(Date.now() - t0 < 500);
  assert.equal(p.name, '&lol9;&big;&big;&big;', 'entity references defined in the document stay as written');
  assert.equal(p.servers[0]?.host, '&host;', 'the DOCTYPE did not choose the server');
  // The rest of the document is still read.
  assert.deepEqual(p.domains, ['example.test']);
});

test('clientConfig: namespace prefixes and default namespaces', () => {
  const p = parseClientConfig('<cc:clientConfig xmlns:cc="http://www.mozilla.org/thunderbird/clientConfig" version="1.1">' +
    '<cc:emailProvider id="ns.test"><cc:domain>ns.test</cc:domain><cc:displayName>NS</cc:displayName>' +
    '<cc:incomingServer type="pop3"><cc:hostname>pop.ns.test</cc:hostname><cc:port>995</cc:port><cc:socketType>SSL</cc:socketType></cc:incomingServer>' +
    '</cc:emailProvider></cc:clientConfig>')!;
  assert.equal(p.id, 'ns.test');
  assert.equal(p.name, 'NS');
  assert.deepEqual(p.servers.map((s) => `${s.protocol} ${s.host}:${s.port}`), ['pop3 pop.ns.test:995']);
  assert.equal(p.servers[0]?.username, '%EMAILADDRESS%');
  const q = parseClientConfig(doc(`<hostname>imap.default-ns.test</hostname>${IMAP}`).replace('<clientConfig ', '<clientConfig xmlns="urn:example" '))!;
  assert.equal(q.servers[0]?.host, 'imap.default-ns.test');
});

test('clientConfig: what the old reader did stays (comments, order, first value, limits)', () => {
  const p = parseClientConfig(doc(`<!-- <hostname>commented.test</hostname> --><hostname>IMAP.Case.TEST</hostname><hostname>second.test</hostname>${IMAP}`,
    { extra: '<domain>Second.TEST</domain>' }).replace('</emailProvider>',
    '<outgoingServer type="smtp"><hostname>smtp.test</hostname><port>587</port><socketType>starttls</socketType><authentication>a</authentication><authentication>b</authentication></outgoingServer>' +
    '<incomingServer type="exchange"><hostname>ews.test</hostname><port>443</port><socketType>SSL</socketType></incomingServer>' +
    '<incomingServer type="imap"><hostname>noport.test</hostname><port>99999</port><socketType>SSL</socketType></incomingServer></emailProvider>'))!;
  assert.deepEqual(p.domains, ['example.test', 'second.test']);
  assert.equal(p.name, 'example.test', 'no displayName: the id');
  assert.deepEqual(p.servers.map((s) => `${s.protocol} ${s.host}:${s.port} ${s.socket} ${s.auth.join('+')}`),
    ['imap imap.case.test:993 SSL password-cleartext', 'smtp smtp.test:587 STARTTLS a+b']);
  // Not a clientConfig, or cut off before the provider ends: no config.
  assert.equal(parseClientConfig('<html><body>404</body></html>'), undefined);
  assert.equal(parseClientConfig(doc(`<hostname>h.test</hostname>${IMAP}`).replace(/<\/emailProvider>.*$/s, '')), undefined);
  assert.equal(parseClientConfig(doc(`<hostname>h.test</hostname>${IMAP}`, { providerAttrs: `id="${'x'.repeat(300)}"` }))!.id, '');
});

test('clientConfig: malformed XML is no config, never an exception', () => {
  for (const s of ['<emailProvider id="x"></emailProvider', '<emailProvider id="x><hostname>a</hostname></emailProvider>',
    '<emailProvider><![CDATA[ never ends </emailProvider>', '<!DOCTYPE x [<!ENTITY a "' + '</emailProvider>',
    '<a>' + '<b>'.repeat(5000) + '</emailProvider>', '<emailProvider id="x">\u0000</emailProvider>', '</emailProvider>'.repeat(1000)]) {
    assert.doesNotThrow(() => parseClientConfig(s));
  }
});
