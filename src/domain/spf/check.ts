/**
 * SPF findings for a domain: the lookup tree's problems, and (with client IPs) the evaluation result per IP.
 */
import type { Evidence, Finding, Status } from '../../core/finding.js';
import type { DnsQuery } from '../../dns/index.js';
import { tx } from '../../i18n/text.js';
import { finding, fill2, plPlural, recordEvidence } from '../util.js';
import { evaluateSpf, SPF_LIMITS, type SpfEvaluation, type SpfResult } from './evaluator.js';
import { buildSpfTree, SPF_TREE_LIMITS, spfTreeLines, type SpfTree, type SpfTreeNode } from './tree.js';

/** What to evaluate the SPF record against: the sending IPs, and the HELO name and sender to evaluate with. */
export interface SpfCheckOptions {
  /** Client IPs to evaluate (the servers that send the domain's mail). */
  ips?: string[];
  /** HELO name for the evaluations (default: the checked domain). */
  helo?: string;
  /** MAIL FROM address for the evaluations; default postmaster@ the checked domain. */
  sender?: string;
}

/** The SPF check's findings, the include/redirect tree it walked and one evaluation per IP given. */
export interface SpfCheckResult {
  findings: Finding[];
  tree: SpfTree;
  evaluations: (SpfEvaluation & { ip: string })[];
}

/** Lines of evidence shown at most (the tree, the evaluation steps): a hostile zone must not make the report huge. */
const EVIDENCE_LINES = 200;

// The value is read in both languages: SPF's own result words, "DNS n" for the lookup terms, "… +n" for lines left out.
function treeEvidence(tree: SpfTree): Evidence {
  const lines = spfTreeLines(tree, EVIDENCE_LINES).map((l) => `${'  '.repeat(l.indent)}${l.term === '(root)' ? l.domain : `${l.term} → ${l.domain}`}  [${l.status}; DNS ${l.lookups}]${l.record ? `\n${'  '.repeat(l.indent)}  "${l.record.length > 300 ? l.record.slice(0, 300) + '…' : l.record}"` : ''}`);
  const more = tree.nodes.length - lines.length;
  return {
    kind: 'text', label: tree.atLeast ? `SPF tree (at least ${tree.lookupCount}/${SPF_LIMITS.lookups} lookups)` : `SPF tree (${tree.lookupCount}/${SPF_LIMITS.lookups} lookups)`,
    value: lines.join('\n') + (more > 0 ? `\n… +${more}` : ''),
  };
}

/** At most EVIDENCE_LINES lines, then how many were left out. */
function boundedLines(lines: string[]): string {
  return lines.length <= EVIDENCE_LINES ? lines.join('\n') : `${lines.slice(0, EVIDENCE_LINES).join('\n')}\n… +${lines.length - EVIDENCE_LINES}`;
}

function caret(record: string, pos: number): string {
  const start = Math.max(0, pos - 60);
  const shown = record.slice(start, pos + 60);
  return `${start > 0 ? '…' : ''}${shown}\n${' '.repeat(pos - start + (start > 0 ? 1 : 0))}^ (character ${pos + 1})`;
}

/** The "all" that ends evaluation at the root, following redirect= chains. */
function effectiveAll(node: SpfTreeNode): { qualifier?: string; domain: string; viaRedirect: boolean } {
  let n: SpfTreeNode | undefined = node;
  let viaRedirect = false;
  for (let i = 0; n && i < 12; i++) {
    const all = n.parsed?.mechanisms.find((m) => m.name === 'all');
    if (all) return { qualifier: all.qualifier, domain: n.domain, viaRedirect };
    const r: SpfTreeNode | undefined = n.children.find((c) => c?.via.startsWith('redirect='));
    if (!r) return { domain: n.domain, viaRedirect };
    n = r; viaRedirect = true;
  }
  return { domain: node.domain, viaRedirect };
}

const RESULT_STATUS: Record<SpfResult, Status> = {
  pass: 'ok', fail: 'error', softfail: 'warn', neutral: 'warn', none: 'warn', temperror: 'unknown', permerror: 'error',
};

const RESULT_TEXT: Record<SpfResult, { en: string; pl: string }> = {
  pass: tx('is allowed to send for the domain (pass)', 'wolno mu wysyłać pocztę w imieniu domeny (pass)'),
  fail: tx('is NOT allowed to send for the domain (fail): receivers will reject or junk its mail', 'NIE wolno mu wysyłać poczty w imieniu domeny (fail): odbiorcy odrzucą tę pocztę lub wrzucą ją do spamu'),
  softfail: tx('is probably not allowed to send for the domain (softfail): its mail is likely to land in spam', 'prawdopodobnie nie wolno mu wysyłać poczty w imieniu domeny (softfail): ta poczta może trafiać do spamu'),
  neutral: tx('is neither allowed nor forbidden by SPF (neutral)', 'SPF ani go nie dopuszcza, ani mu nie zabrania (neutral)'),
  none: tx('cannot be checked: the domain publishes no SPF record (none)', 'nie da się go sprawdzić: domena nie publikuje rekordu SPF (none)'),
  temperror: tx('could not be checked because of a temporary DNS error (temperror)', 'nie dało się go sprawdzić z powodu chwilowego błędu DNS (temperror)'),
  permerror: tx('cannot be checked because the SPF record is broken (permerror): many receivers treat this as fail', 'nie da się go sprawdzić, bo rekord SPF jest błędny (permerror): wielu odbiorców traktuje to jak fail'),
};

/** Findings for an SPF evaluation of one client IP. */
export function spfEvaluationFinding(domain: string, ev: SpfEvaluation & { ip: string }): Finding {
  const status = RESULT_STATUS[ev.result];
  const what = RESULT_TEXT[ev.result];
  const advice = ev.result === 'pass' ? [] : ev.result === 'temperror' ? [
    tx('Run the check again; if it persists, check that the domain\'s DNS servers answer.', 'Uruchom sprawdzenie ponownie; jeśli błąd się powtarza, sprawdź, czy serwery DNS domeny odpowiadają.'),
  ] : ev.result === 'permerror' ? [
    tx('Fix the SPF record errors listed above; then check again with mailmedic spf.', 'Popraw błędy rekordu SPF wymienione wyżej, a potem sprawdź ponownie poleceniem mailmedic spf.'),
  ] : [
    fill2(tx('If {ip} is your mail server, add it to the SPF record, e.g. "ip4:{ip}" (or "ip6:" for IPv6), or include your provider\'s SPF.',
      'Jeśli {ip} to Twój serwer poczty, dodaj go do rekordu SPF, np. „ip4:{ip}” (dla IPv6 „ip6:”), albo dołącz SPF dostawcy (include:).'), { ip: ev.ip }, { ip: ev.ip }),
  ];
  return finding('dns.spf.result', status, `${domain} ← ${ev.ip}`,
    fill2(tx('SPF: {ip} {what}.', 'SPF dla adresu {ip}: {what}.'), { ip: ev.ip, what: what.en }, { ip: ev.ip, what: what.pl }),
    {
      detail: tx(
        `Result ${ev.result}${ev.mechanism ? `, decided by "${ev.mechanism}" in the record of ${ev.mechanismDomain}` : `: ${ev.reasonText.en}`}. DNS lookups used: ${ev.lookups}/${SPF_LIMITS.lookups}, void lookups: ${ev.voidLookups}/${SPF_LIMITS.voidLookups}.${ev.explanation ? ` Explanation (exp=): "${ev.explanation}".` : ''}`,
        `Wynik ${ev.result}${ev.mechanism ? `, rozstrzygnął „${ev.mechanism}” w rekordzie ${ev.mechanismDomain}` : `: ${ev.reasonText.pl}`}. Użyte zapytania DNS: ${ev.lookups}/${SPF_LIMITS.lookups}, puste odpowiedzi: ${ev.voidLookups}/${SPF_LIMITS.voidLookups}.${ev.explanation ? ` Wyjaśnienie (exp=): „${ev.explanation}”.` : ''}`,
      ),
      advice,
      evidence: [{ kind: 'text', label: 'SPF evaluation steps', value: boundedLines(ev.steps.map((s) => `${'  '.repeat(s.depth)}${s.domain}: ${s.term} → ${s.outcome}${s.note ? ` (${s.note})` : ''}`)) || '(no steps)' }],
      data: { ip: ev.ip, result: ev.result, mechanism: ev.mechanism, mechanismDomain: ev.mechanismDomain, lookups: ev.lookups, voidLookups: ev.voidLookups, explanation: ev.explanation },
    });
}

/** Findings from the SPF lookup tree. */
export function spfTreeFindings(domain: string, tree: SpfTree): Finding[] {
  const out: Finding[] = [];
  const root = tree.root;
  const ev = [treeEvidence(tree)];
  const C = 'dns.spf';

  if (root.status === 'dns-error') {
    out.push(finding(`${C}.record`, 'unknown', domain,
      tx('Could not read the SPF record: the DNS query failed.', 'Nie udało się odczytać rekordu SPF: zapytanie DNS się nie powiodło.'),
      { detail: tx(`TXT ${domain}: ${root.dnsError}. Nothing is known about SPF until the lookup works.`, `TXT ${domain}: ${root.dnsError}. Dopóki zapytanie nie zadziała, nic nie wiadomo o SPF.`), evidence: ev }));
    return out;
  }
  if (root.status === 'invalid') return out; // the domain-name finding says it
  if (root.status === 'nxdomain') {
    out.push(finding('dns.domain.exists', 'error', domain,
      tx('The domain does not exist in DNS (NXDOMAIN), so it has no SPF record either.', 'Domena nie istnieje w DNS (NXDOMAIN), więc nie ma też rekordu SPF.'),
      { advice: [tx('Check the spelling, and that the domain is registered and delegated.', 'Sprawdź pisownię oraz to, czy domena jest zarejestrowana i delegowana.')], evidence: ev }));
    return out;
  }
  if (root.status === 'none') {
    if (root.typos.length) {
      out.push(finding(`${C}.typo`, 'error', domain,
        tx('There is a TXT record that looks like SPF but does not start exactly with "v=spf1 ", so it is ignored.', 'Jest rekord TXT podobny do SPF, ale nie zaczyna się dokładnie od „v=spf1 ”, więc jest pomijany.'),
        {
          detail: tx('Receivers only use a TXT record that starts with "v=spf1" followed by a space (or nothing). Typos such as "v=spf", "v=spf1a", "spf1" or a space around "=" make the domain look like it has no SPF at all.',
            'Serwery odbiorców biorą pod uwagę tylko rekord TXT zaczynający się od „v=spf1”, po którym jest spacja (albo nic). Literówki, np. „v=spf”, „v=spf1a”, „spf1” czy spacja przy „=”, sprawiają, że domena wygląda, jakby nie miała SPF wcale.'),
          advice: [tx('Correct the beginning of the record to "v=spf1 " (lower case is customary) in your DNS panel.', 'Popraw początek rekordu na „v=spf1 ” (zwyczajowo małymi literami) w panelu DNS.')],
          evidence: root.typos.map((t) => recordEvidence(`TXT ${domain}`, t)),
        }));
    } else {
      out.push(finding(`${C}.missing`, 'error', domain,
        tx('The domain has no SPF record: receivers cannot tell which servers may send its mail.', 'Domena nie ma rekordu SPF: odbiorcy nie wiedzą, które serwery mogą wysyłać jej pocztę.'),
        {
          detail: tx('Without SPF, mail from this domain is more often marked as spam, and Gmail, Microsoft and others require SPF or DKIM from bulk senders. A domain that sends no mail should publish "v=spf1 -all".',
            'Bez SPF poczta z tej domeny częściej trafia do spamu, a Gmail, Microsoft i inni wymagają od nadawców masowych SPF lub DKIM. Domena, która w ogóle nie wysyła poczty, powinna opublikować „v=spf1 -all”.'),
          advice: [
            tx('Add a TXT record at the domain: "v=spf1 mx ~all" if the MX servers send the mail, or the record your mail provider gives (e.g. "v=spf1 include:_spf.provider.example ~all").',
              'Dodaj rekord TXT w domenie: „v=spf1 mx ~all”, jeśli pocztę wysyłają serwery MX, albo rekord podany przez dostawcę poczty (np. „v=spf1 include:_spf.dostawca.example ~all”).'),
            tx('After the change, check it with: mailmedic spf <domain> --ip <your server address>.', 'Po zmianie sprawdź ją poleceniem: mailmedic spf <domena> --ip <adres Twojego serwera>.'),
          ],
          evidence: ev,
          seeAlso: [`mailmedic spf ${domain}`],
        }));
    }
    return out;
  }
  if (root.status === 'multiple') {
    out.push(finding(`${C}.multiple`, 'error', domain,
      tx(`The domain has ${root.records.length} SPF records; exactly one is allowed, so SPF fails for all mail (permerror).`, `Domena ma ${root.records.length} ${plPlural(root.records.length, 'rekord', 'rekordy', 'rekordów')} SPF; dozwolony jest dokładnie jeden, więc sprawdzenie SPF kończy się błędem dla całej poczty (permerror).`),
      {
        detail: tx('Receivers that find more than one "v=spf1" TXT record stop with a permanent error. This often happens when a second provider\'s record is added instead of merged.',
          'Serwer odbiorcy, który znajdzie więcej niż jeden rekord TXT „v=spf1”, kończy sprawdzanie błędem trwałym. Zwykle dzieje się tak, gdy rekord drugiego dostawcy zostaje dodany obok zamiast scalony z pierwszym.'),
        advice: [tx('Merge them into one record: one "v=spf1", all the ip4:/include: parts, one "all" at the end; delete the others.', 'Połącz je w jeden rekord: jedno „v=spf1”, wszystkie elementy ip4:/include:, jedno „all” na końcu; pozostałe usuń.')],
        evidence: root.records.map((r) => recordEvidence(`TXT ${domain}`, r)),
      }));
    return out;
  }

  // Per-record problems anywhere in the tree, once per record (a duplicate is its first copy's record).
  const duplicates = new Map<string, number>();
  for (const n of tree.nodes) {
    if (n.duplicate) { duplicates.set(n.domain, (duplicates.get(n.domain) ?? 0) + 1); continue; }
    const where = n.depth === 0 ? domain : `${n.domain} (${n.via} from the tree of ${domain})`;
    const wherePl = n.depth === 0 ? domain : `${n.domain} (${n.via} w drzewie ${domain})`;
    if (n.parsed?.errors.length) {
      for (const e of n.parsed.errors.slice(0, 5)) {
        out.push(finding(`${C}.syntax`, 'error', n.domain,
          tx(`SPF syntax error in the record of ${where} at character ${e.pos + 1}: ${e.message.en}.`, `Błąd składni SPF w rekordzie ${wherePl} na znaku ${e.pos + 1}: ${e.message.pl}.`),
          {
            detail: tx('A receiver that finds any syntax error stops with permerror, which many treat like fail.', 'Serwer odbiorcy, który znajdzie jakikolwiek błąd składni, kończy sprawdzanie wynikiem permerror, a wielu traktuje to jak fail.'),
            advice: [tx(`Correct "${e.term}" in the TXT record of ${n.domain}.`, `Popraw „${e.term}” w rekordzie TXT domeny ${n.domain}.`)],
            evidence: [recordEvidence(`TXT ${n.domain}`, caret(n.record ?? '', e.pos))],
            data: { position: e.pos, term: e.term, message: e.message.en, domain: n.domain },
          }));
      }
    }
    if (n.depth > 0 && (n.status === 'none' || n.status === 'nxdomain')) {
      const isInclude = n.via.startsWith('include');
      out.push(finding(`${C}.include-missing`, 'error', n.domain,
        tx(`"${n.via}" points at ${n.domain}, which ${n.status === 'nxdomain' ? 'does not exist' : 'has no SPF record'}: SPF ends in permerror when it gets there.`,
          `„${n.via}” wskazuje na ${n.domain}, ${n.status === 'nxdomain' ? 'która nie istnieje' : 'która nie ma rekordu SPF'}: SPF kończy się wynikiem permerror, gdy do niej dojdzie.`),
        {
          advice: [tx(isInclude ? 'Remove the include or fix its name (ask your provider for the current one).' : 'Fix the redirect= target.', isInclude ? 'Usuń ten include albo popraw nazwę (aktualną poda dostawca).' : 'Popraw cel redirect=.')],
        }));
    }
    if (n.depth > 0 && n.status === 'multiple') {
      out.push(finding(`${C}.include-multiple`, 'error', n.domain,
        tx(`"${n.via}" leads to ${n.domain}, which has ${n.records.length} SPF records: permerror.`, `„${n.via}” prowadzi do ${n.domain}, gdzie ${plPlural(n.records.length, 'jest', 'są', 'jest')} ${n.records.length} ${plPlural(n.records.length, 'rekord', 'rekordy', 'rekordów')} SPF: permerror.`),
        { evidence: n.records.map((r) => recordEvidence(`TXT ${n.domain}`, r)) }));
    }
    if (n.status === 'dns-error') {
      out.push(finding(`${C}.include-dns`, 'unknown', n.domain,
        tx(`Could not read the SPF record of ${n.domain} (${n.via}): ${n.dnsError}.`, `Nie udało się odczytać rekordu SPF ${n.domain} (${n.via}): ${n.dnsError}.`),
        { detail: tx('The lookup count and the result depend on it; check again later.', 'Od tego zależy liczba zapytań i wynik; sprawdź ponownie później.') }));
    }
    for (const l of n.lookups) {
      if ((l.kind === 'a' || l.kind === 'mx') && l.found === false) {
        out.push(finding(`${C}.void-target`, 'warn', l.target,
          tx(`"${l.term}" in the record of ${where}: ${l.target} has no ${l.kind === 'a' ? 'address' : 'MX'} records, so it authorizes nothing and costs a void lookup.`,
            `„${l.term}” w rekordzie ${wherePl}: ${l.target} nie ma rekordów ${l.kind === 'a' ? 'adresowych' : 'MX'}, więc niczego nie autoryzuje, a zużywa puste zapytanie.`),
          { advice: [tx('Remove the term or point it at a name that exists.', 'Usuń ten element albo wskaż nazwę, która istnieje.')] }));
      }
      if (l.dnsStatus && l.kind !== 'include') {
        out.push(finding(`${C}.target-dns`, 'unknown', l.target,
          tx(`Could not resolve ${l.target} for "${l.term}": ${l.dnsStatus}.`, `Nie udało się sprawdzić nazwy ${l.target} dla „${l.term}” w DNS: ${l.dnsStatus}.`)));
      }
    }
    if (n.parsed?.mechanisms.some((m) => m.name === 'ptr')) {
      out.push(finding(`${C}.ptr`, 'warn', n.domain,
        tx(`The SPF record of ${where} uses "ptr", which RFC 7208 says not to use: it is slow and some receivers ignore it.`, `Rekord SPF ${wherePl} używa „ptr”, którego RFC 7208 zaleca nie używać: jest wolny, a część odbiorców go pomija.`),
        { advice: [tx('Replace "ptr" with ip4:/ip6: ranges or "a"/"mx".', 'Zastąp „ptr” zakresami ip4:/ip6: albo „a”/„mx”.')] }));
    }
    const len = n.record ? Buffer.byteLength(n.record) : 0;
    if (n.strings?.some((s) => s > 255)) {
      out.push(finding(`${C}.string-length`, 'error', n.domain,
        tx(`A character-string of the SPF record of ${where} is over 255 characters.`, `Fragment rekordu SPF ${wherePl} ma ponad 255 znaków.`),
        { advice: [tx('Split the record into quoted strings of at most 255 characters each ("…" "…"); they are joined without spaces.', 'Podziel rekord na fragmenty w cudzysłowach po najwyżej 255 znaków („…” „…”); łączone są bez spacji.')] }));
    }
    if (len > 512) {
      out.push(finding(`${C}.size`, 'warn', n.domain,
        tx(`The SPF record of ${where} is ${len} bytes; over 512 bytes it may not fit in a DNS answer over UDP.`, `Rekord SPF ${wherePl} ma ${len} bajtów; powyżej 512 może się nie zmieścić w odpowiedzi DNS przez UDP.`),
        { advice: [tx('Shorten it: merge ip4: ranges into wider prefixes, or move parts to an include.', 'Skróć go: połącz zakresy ip4: w szersze prefiksy albo przenieś część do include.')] }));
    }
  }

  for (const l of tree.loops) {
    out.push(finding(`${C}.loop`, 'error', l.to,
      tx(`SPF loop: "${l.via}" in the record of ${l.from} leads back to ${l.to}, which is already being evaluated.`, `Pętla SPF: „${l.via}” w rekordzie ${l.from} prowadzi z powrotem do ${l.to}, która jest już sprawdzana.`),
      { detail: tx('Evaluation runs until the 10-lookup limit and ends in permerror.', 'Sprawdzanie trwa aż do limitu 10 zapytań i kończy się wynikiem permerror.'), advice: [tx('Remove the include/redirect that points back.', 'Usuń include/redirect, który wskazuje z powrotem.')] }));
  }
  for (const [d, times] of duplicates) {
    out.push(finding(`${C}.duplicate`, 'warn', d,
      tx(`${d} is included ${times + 1} times in the SPF tree; each copy costs its DNS lookups again.`, `${d} jest dołączana w drzewie SPF ${times + 1} razy; każda kopia ponownie zużywa zapytania DNS.`),
      { advice: [tx('Keep one include of it.', 'Zostaw tylko jedno dołączenie.')] }));
  }
  if (tree.capped) {
    const skipped = tree.nodes.reduce((k, n) => k + n.lookups.filter((l) => l.skipped).length, 0);
    const why = tree.capped.nodes ? tx(`${SPF_TREE_LIMITS.nodes} records`, `${SPF_TREE_LIMITS.nodes} rekordach`)
      : tree.capped.queries ? tx(`${SPF_TREE_LIMITS.queries} DNS queries`, `${SPF_TREE_LIMITS.queries} zapytaniach DNS`)
        : tx(`${SPF_TREE_LIMITS.depth} levels of nesting`, `${SPF_TREE_LIMITS.depth} poziomach zagnieżdżenia`);
    out.push(finding(`${C}.tree-limit`, 'warn', domain,
      tree.atLeast
        ? tx(`The SPF tree is too big to follow to the end: mailmedic stopped after ${why.en}. The counts below are the least it needs.`,
          `Drzewo SPF jest za duże, by przejść je do końca: mailmedic zatrzymał się po ${why.pl}. Podane niżej liczby to najmniej, ile ono wymaga.`)
        : tx(`The SPF tree is too big to check every target: mailmedic stopped after ${why.en}, so ${skipped} target name(s) were not looked up (the lookup count is complete; void lookups may be more).`,
          `Drzewo SPF jest za duże, by sprawdzić każdy cel: mailmedic zatrzymał się po ${why.pl}, więc nie sprawdzono nazw docelowych: ${skipped} (liczba zapytań jest pełna; pustych odpowiedzi może być więcej).`),
      {
        detail: tx('A receiver stops at 10 DNS lookups (permerror) long before this; the rest of the tree could only make it worse.',
          'Serwer odbiorcy zatrzymuje się dużo wcześniej, po 10 zapytaniach DNS (permerror); reszta drzewa mogłaby to tylko pogorszyć.'),
        advice: [tx('Flatten the record: replace nested includes with the ip4:/ip6: ranges they stand for, and remove includes of services you no longer use.',
          'Spłaszcz rekord: zastąp zagnieżdżone include zakresami ip4:/ip6:, które oznaczają, i usuń include usług, z których już nie korzystasz.')],
        data: { ...tree.capped, nodes: tree.nodes.length, queries: tree.queries, skippedTargets: skipped },
      }));
  }
  const atLeast = tree.atLeast ? tx('at least ', 'co najmniej ') : tx('', '');
  const hasLoop = tree.loops.length > 0;
  if (hasLoop && tree.lookupCount <= SPF_LIMITS.lookups) {
    // The loop finding says it: evaluation goes round until it hits the limit. No "lookups OK" beside it.
  } else if (tree.lookupCount > SPF_LIMITS.lookups) {
    out.push(finding(`${C}.lookup-limit`, 'error', domain,
      tx(`The SPF tree needs ${atLeast.en}${tree.lookupCount} of ${SPF_LIMITS.lookups} DNS lookups, so receivers stop with permerror.`, `Drzewo SPF wymaga ${atLeast.pl}${tree.lookupCount} z ${SPF_LIMITS.lookups} dozwolonych zapytań DNS, więc odbiorcy kończą sprawdzanie błędem permerror.`),
      {
        detail: tx('Every include, a, mx, ptr, exists and redirect counts, in the included records too (RFC 7208 §4.6.4). ip4:, ip6: and all do not.',
          'Liczy się każde include, a, mx, ptr, exists i redirect, także w dołączanych rekordach (RFC 7208 §4.6.4). ip4:, ip6: i all się nie liczą.'),
        advice: [
          tx('Remove includes of services you no longer use.', 'Usuń include usług, z których już nie korzystasz.'),
          tx('Replace "a" and "mx" with the ip4:/ip6: addresses they stand for.', 'Zastąp „a” i „mx” adresami ip4:/ip6:, które oznaczają.'),
        ],
        evidence: ev, data: { lookups: tree.lookupCount, limit: SPF_LIMITS.lookups, ...(tree.atLeast ? { atLeast: true } : {}) },
      }));
  } else {
    out.push(finding(`${C}.lookups`, tree.lookupCount >= 9 ? 'warn' : tree.incomplete ? 'unknown' : 'ok', domain,
      tx(`The SPF tree needs ${tree.lookupCount} of at most ${SPF_LIMITS.lookups} DNS lookups${tree.incomplete ? ' (some parts could not be read)' : ''}.`,
        `Drzewo SPF wymaga ${tree.lookupCount} z dozwolonych ${SPF_LIMITS.lookups} zapytań DNS${tree.incomplete ? ' (części nie udało się odczytać)' : ''}.`),
      { evidence: ev, data: { lookups: tree.lookupCount, limit: SPF_LIMITS.lookups, voidLookups: tree.voidCount } }));
  }
  if (tree.voidCount > SPF_LIMITS.voidLookups) {
    out.push(finding(`${C}.void-limit`, 'error', domain,
      tx(`${tree.atLeast ? 'At least ' : ''}${tree.voidCount} lookups in the SPF tree find nothing; more than ${SPF_LIMITS.voidLookups} make receivers stop with permerror.`, `Puste odpowiedzi DNS w drzewie SPF: ${atLeast.pl}${tree.voidCount}; przy więcej niż ${SPF_LIMITS.voidLookups} odbiorcy kończą sprawdzanie błędem permerror.`),
      { advice: [tx('Remove terms that point at names without records.', 'Usuń elementy wskazujące na nazwy bez rekordów.')], evidence: ev }));
  }

  const all = effectiveAll(root);
  const rec = root.record ?? '';
  if (all.qualifier === '+') {
    out.push(finding(`${C}.all`, 'error', domain,
      tx('The SPF record ends with "+all": every server in the world may send mail as this domain.', 'Rekord SPF kończy się na „+all”: każdy serwer na świecie może wysyłać pocztę jako ta domena.'),
      { detail: tx('This makes SPF useless and invites spoofing; many filters treat it as a spam signal.', 'To czyni SPF bezużytecznym i zachęca do podszywania się; wiele filtrów traktuje to jako sygnał spamu.'), advice: [tx('Replace "+all" with "~all" (or "-all" once you are sure the list is complete).', 'Zamień „+all” na „~all” (albo „-all”, gdy masz pewność, że lista jest kompletna).')], evidence: [recordEvidence(`TXT ${all.domain}`, rec)] }));
  } else if (all.qualifier === '?') {
    out.push(finding(`${C}.all`, 'warn', domain,
      tx('The SPF record ends with "?all" (neutral): it does not tell receivers to distrust other servers.', 'Rekord SPF kończy się na „?all” (neutral): nie mówi odbiorcom, by nie ufali innym serwerom.'),
      { advice: [tx('Use "~all" or "-all".', 'Użyj „~all” albo „-all”.')], evidence: [recordEvidence(`TXT ${all.domain}`, rec)] }));
  } else if (!all.qualifier && root.status !== 'syntax') {
    out.push(finding(`${C}.all`, 'warn', domain,
      tx('The SPF record has no "all" at the end, so mail from unlisted servers gets "neutral".', 'Rekord SPF nie ma na końcu „all”, więc poczta z niewymienionych serwerów dostaje wynik „neutral”.'),
      { advice: [tx('End the record with "~all" or "-all".', 'Zakończ rekord na „~all” albo „-all”.')], evidence: [recordEvidence(`TXT ${domain}`, rec)] }));
  } else if ((all.qualifier === '~' || all.qualifier === '-') && root.status !== 'syntax') {
    out.push(finding(`${C}.all`, 'ok', domain,
      tx(`The SPF record ends with "${all.qualifier}all": mail from other servers is ${all.qualifier === '-' ? 'rejected (fail)' : 'marked suspicious (softfail)'}.`,
        `Rekord SPF kończy się na „${all.qualifier}all”: poczta z innych serwerów jest ${all.qualifier === '-' ? 'odrzucana (fail)' : 'oznaczana jako podejrzana (softfail)'}.`),
      { evidence: [recordEvidence(`TXT ${all.domain}`, rec)] }));
  }
  const usesMacros = tree.nodes.some((n) => !n.duplicate && n.parsed?.terms.some((t) => (t.kind === 'mechanism' ? t.domainParts : t.valueParts)?.some((p) => p.kind === 'macro')));
  if (usesMacros) {
    out.push(finding(`${C}.macros`, 'info', domain,
      tx('The SPF tree uses macros (%{…}): part of it depends on the sender and IP and is checked only with --ip.', 'Drzewo SPF używa makr (%{…}): część zależy od nadawcy i adresu IP i jest sprawdzana tylko z --ip.')));
  }
  if (root.parsed?.exp) {
    out.push(finding(`${C}.exp`, 'info', domain,
      tx(`The SPF record gives an explanation for rejected mail (exp=${root.parsed.exp.value}).`, `Rekord SPF podaje wyjaśnienie dla odrzuconej poczty (exp=${root.parsed.exp.value}).`)));
  }
  return out;
}

/** Build the tree, report its problems, and evaluate each given IP. */
export async function checkSpf(dns: DnsQuery, domain: string, options: SpfCheckOptions = {}): Promise<SpfCheckResult> {
  const [tree, evaluations] = await Promise.all([
    buildSpfTree(dns, domain),
    Promise.all((options.ips ?? []).map(async (ip) => ({
      ip, ...(await evaluateSpf(dns, { ip, domain, sender: options.sender ?? `postmaster@${domain}`, helo: options.helo ?? domain })),
    }))),
  ]);
  const findings = spfTreeFindings(domain, tree);
  for (const e of evaluations) findings.push(spfEvaluationFinding(domain, e));
  return { findings, tree, evaluations };
}
