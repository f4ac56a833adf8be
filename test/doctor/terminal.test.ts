// The doctor's own terminal view: fits its width, list items hang their wrapped lines under their text
// (never under the marker, never twice indented), and support facts are wrapped, not cut.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runDoctor } from '../../src/doctor/engine.js';
import { renderDoctorTerminal } from '../../src/doctor/terminal.js';
import { testEnv } from '../helpers/env.js';

const env = testEnv();
// php-mail with counts and an error only: the limits and the explanation run offline; the DNS checks are skipped
// for want of an address, and the loopback test DNS is named anyway.
const deps = { dnsServer: `${env.host}:${env.dnsPort}`, timeoutMs: 5000 };
const LONG_ERROR = '550 5.7.1 Message rejected because the sending host is listed on a blocklist and the sender domain fails its own DMARC policy; contact the postmaster of the receiving domain for details';

for (const lang of ['en', 'pl'] as const) {
  test(`terminal view (${lang}): within the width, items hang under their text, the error is whole`, async () => {
    const report = await runDoctor('php-mail', { sentToday: 640, sentLastHour: 250, error: LONG_ERROR }, { deps, lang });
    for (const width of [60, 80]) {
      const lines = renderDoctorTerminal(report, { lang, width }).split('\n');
      for (const l of lines) assert.ok([...l].length <= width, `over ${width}: ${l}`);
      // Every continuation line of a numbered item starts exactly under the item's text.
      for (let i = 1; i < lines.length; i++) {
        const m = /^( *)(\d+\. (?:[✖⚠✔?ℹ] )?)\S/.exec(lines[i - 1]!);
        const next = lines[i]!;
        if (!m || !next.trim() || /^ *\d+\. /.test(next)) continue;
        const hang = m[1]!.length + [...m[2]!].length;
        if (/^ {6}\S/.test(next) && /^( {3})\d/.test(lines[i - 1]!)) continue; // the check id line under a cause
        assert.equal(next.length - next.trimStart().length, hang, `hang under "${lines[i - 1]}": "${next}"`);
      }
      const joined = lines.join(' ').replace(/\s+/g, ' ');
      assert.ok(joined.includes(LONG_ERROR), 'the exact error for support is complete');
    }
  });
}
