// Answers from files and the web are hostile input: wrong types, unknown keys, huge strings, prototype keys,
// random bytes — always a clear AnswersError or valid answers, never a crash or a polluted object.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnswersError, parseDoctorAnswers, parseDoctorAnswersJson } from '../../src/doctor/answers.js';
import { rankCauses } from '../../src/doctor/engine.js';
import { publicAnswers, redactDeep, secretsOf } from '../../src/doctor/redact.js';
import { nextDoctorStep } from '../../src/doctor/steps.js';

test('valid answers pass through; numbers and ports given as strings are converted', () => {
  const a = parseDoctorAnswers({ case: 'client-send', address: 'a@b.test', sentToday: '12', server: { host: ' mail.b.test ', port: '587', security: 'starttls', protocol: 'smtp' } });
  assert.deepEqual(a, { case: 'client-send', address: 'a@b.test', sentToday: 12, server: { host: 'mail.b.test', port: 587, security: 'starttls', protocol: 'smtp' } });
});

test('wrong shapes are clear errors', () => {
  for (const bad of [null, [], 'x', 1, { address: 5 }, { hack: 1 }, { server: 'x' }, { server: { port: 0 } }, { server: { port: 70000 } }, { server: { security: 'ssl3' } },
    { server: { protocol: 'http' } }, { server: { evil: 1 } }, { sentToday: -1 }, { sentToday: 'many' }, { error: 'x'.repeat(70_000) }, { log: 'x'.repeat(17 * 1024 * 1024) }]) {
    assert.throws(() => parseDoctorAnswers(bad), AnswersError, JSON.stringify(bad)?.slice(0, 80));
  }
  assert.throws(() => parseDoctorAnswersJson('{"__proto__": {"polluted": true}}'), AnswersError);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.throws(() => parseDoctorAnswersJson('{'), AnswersError);
});

test('random bytes and random JSON never crash the parser', () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const keys = ['case', 'address', 'server', 'incoming', 'sentToday', 'port', 'host', '__proto__', 'constructor', 'x'];
  const value = (d: number): unknown => {
    const r = rnd();
    if (d > 3 || r < 0.3) return ['', 'a', 1, -1, 1e308, null, true, 'mail.test'][Math.floor(rnd() * 8)];
    if (r < 0.5) return Array.from({ length: Math.floor(rnd() * 3) }, () => value(d + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, () => [keys[Math.floor(rnd() * keys.length)]!, value(d + 1)]));
  };
  for (let i = 0; i < 2000; i++) {
    try { parseDoctorAnswers(value(0)); } catch (e) { assert.ok(e instanceof AnswersError, String(e)); }
    const bytes = Buffer.from(Array.from({ length: Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 256))).toString('latin1');
    try { parseDoctorAnswersJson(bytes); } catch (e) { assert.ok(e instanceof AnswersError, String(e)); }
  }
});

test('secrets: every base64 form is scrubbed, password keys dropped, short ones kept out of the scrub list', () => {
  const a = { address: 'u@x.test', server: { user: 'u@x.test', password: 'Pa55-word!' } };
  const secrets = secretsOf(a);
  const forms = ['Pa55-word!', Buffer.from('Pa55-word!').toString('base64'), Buffer.from('\0u@x.test\0Pa55-word!').toString('base64')];
  const scrubbed = JSON.stringify(redactDeep({ note: forms.join(' | '), nested: [{ password: 'Pa55-word!' }] }, secrets));
  for (const f of forms) assert.ok(!scrubbed.includes(f), f);
  assert.ok(!JSON.stringify(publicAnswers(a)).includes('Pa55'));
  // A two-letter password is masked only where a password stands (it would mangle words); its wire forms anywhere.
  const short = secretsOf({ server: { password: 'ab' } });
  assert.ok(!short.anywhere.includes('ab') && short.positional.includes('ab'));
  assert.ok(short.anywhere.includes(Buffer.from('\0\0ab').toString('base64')));
  assert.equal(JSON.stringify(redactDeep({ t: 'absent ab.example "ab" PASS ab' }, short)), '{"t":"absent ab.example \\"********\\" PASS ********"}');
});

test('steps: unknown case is a RangeError; skipped and answered questions are not asked again', () => {
  assert.throws(() => nextDoctorStep('nope', {}), RangeError);
  assert.equal(nextDoctorStep('webmail', {})?.id, 'address');
  assert.equal(nextDoctorStep('webmail', { address: 'a@b.test' })?.id, 'webmailProblem');
  assert.equal(nextDoctorStep('webmail', { address: 'a@b.test' }, ['webmailProblem'])?.id, 'error');
  // Server questions only once a server is named.
  assert.equal(nextDoctorStep('webmail', { address: 'a@b.test', webmailProblem: 'login' }, ['error', 'server.host'])?.id, 'sentToday');
});

test('a question says what it means for the case: webmail asks for the mail server, not a program\'s setting', () => {
  const web = nextDoctorStep('webmail', { address: 'a@b.test', webmailProblem: 'login' }, ['error']);
  assert.equal(web?.id, 'server.host');
  assert.match(web!.prompt.pl, /Serwer poczty Twojej domeny/);
  assert.doesNotMatch(web!.prompt.en, /program/);
  const client = nextDoctorStep('client-send', { address: 'a@b.test', client: 'Thunderbird' }, ['error']);
  assert.equal(client?.id, 'server.host');
  assert.match(client!.prompt.en, /set in the program/);
});

test('ranking: errors before warnings, the case\'s first checks before later ones, duplicates once', () => {
  const f = (check: string, status: 'error' | 'warn' | 'ok', diag = false) => ({
    check, status, subject: 's', summary: { en: check, pl: check },
    ...(diag ? { diagnosis: { reason: 'blocked' as const, permanence: 'permanent' as const, actor: 'you' as const, retry: 'after-fix' as const, rule: 'r' } } : {}),
  });
  const causes = rankCauses([
    { adapter: 'a', index: 0, findings: [f('a.warn', 'warn'), f('a.ok', 'ok')] },
    { adapter: 'b', index: 1, findings: [f('b.err', 'error'), f('b.err', 'error')] },
    { adapter: 'c', index: 2, findings: [f('c.err', 'error', true)] },
  ], 3);
  assert.deepEqual(causes.map((c) => c.check), ['c.err', 'b.err', 'a.warn']);
  assert.deepEqual(causes.map((c) => c.rank), [1, 2, 3]);
  // A login failure seen by the server test and a 535 in the pasted error are one cause, corroborated.
  const login = rankCauses([
    { adapter: 'probe.send', index: 0, findings: [f('probe.smtp.auth', 'error', true)] },
    { adapter: 'explain', index: 1, findings: [{ ...f('explain.message', 'error'), diagnosis: { reason: 'securityerror', permanence: 'permanent', actor: 'you', retry: 'after-fix', rule: 'x', replyCode: 535 } }] },
    { adapter: 'limits', index: 2, findings: [f('doctor.limits.hosting-day', 'error')] },
  ], 3);
  assert.deepEqual(login.map((c) => c.check), ['probe.smtp.auth', 'doctor.limits.hosting-day']);
  assert.deepEqual(login[0]!.corroboratedBy, ['explain.message']);
  // The listing found in DNS names its own removal steps; the bounce's generic blocklist steps would repeat them.
  const step = (en: string) => ({ en, pl: `${en} (pl)` });
  const listed = { ...f('dns.dnsbl.listed', 'error', true), advice: [step('Stop the cause first.'), step('Then request removal at https://zen.example/.')] };
  const bounced = { ...f('explain.message', 'error', true), advice: [step('Check whether the IP is on a blocklist.'), step('Find what sent spam.')] };
  const one = rankCauses([{ adapter: 'ip.blacklist', index: 0, findings: [listed] }, { adapter: 'explain', index: 1, findings: [bounced] }], 2);
  assert.equal(one.length, 1);
  assert.deepEqual(one[0]!.advice.map((a) => a.en), ['Stop the cause first.', 'Then request removal at https://zen.example/.']);
  // With fewer than two steps of its own, the corroborating finding's steps fill in.
  const thin = rankCauses([{ adapter: 'ip.blacklist', index: 0, findings: [{ ...listed, advice: [listed.advice[0]!] }] }, { adapter: 'explain', index: 1, findings: [bounced] }], 2);
  assert.equal(thin[0]!.advice.length, 3);
});

test('the causes\' evidence lines name their labels in the report language (technical labels stay as they are)', () => {
  const finding = {
    check: 'explain.message', status: 'error' as const, subject: 's', summary: { en: 'x', pl: 'x' },
    evidence: [{ kind: 'text' as const, label: 'line 1', value: '550 5.1.1 no such user' }, { kind: 'header' as const, label: 'Subject', value: 'hi' }],
  };
  const pl = rankCauses([{ adapter: 'explain', index: 0, findings: [finding] }], 1, 'pl');
  assert.deepEqual(pl[0]!.evidence, ['wiersz 1: 550 5.1.1 no such user', 'Subject: hi']);
  const en = rankCauses([{ adapter: 'explain', index: 0, findings: [finding] }], 1);
  assert.deepEqual(en[0]!.evidence, ['line 1: 550 5.1.1 no such user', 'Subject: hi']);
});

test('answers that cannot be used say which key and what it must be, in both languages (the English message as before)', () => {
  const err = (v: unknown): AnswersError => { try { parseDoctorAnswers(v); } catch (e) { return e as AnswersError; } throw new Error('no error'); };
  const n = err({ sentToday: 'x' });
  assert.ok(n instanceof AnswersError);
  assert.equal(n.message, '"sentToday" must be a number');
  assert.deepEqual(n.text, { en: '"sentToday" must be a number', pl: '„sentToday” musi być liczbą' });
  assert.equal(err({ server: { port: 0 } }).text.pl, '„server.port” musi być numerem portu (1–65535)');
  assert.equal(err({ server: { colour: 'x' } }).text.pl, 'nieznany klucz „server.colour”');
  assert.equal(err([]).text.pl, 'odpowiedzi muszą być obiektem JSON');
  assert.match(err({ incoming: { protocol: 'x' } }).message, /^"incoming\.protocol" must be smtp, imap or pop3$/);
});
