/**
 * The servers' wording, per reason: lowercase literal fragments (`*` = one non-space run such as an address
 * or a host name). Whitespace is folded to single spaces before matching. Many fragments follow the phrase
 * lists that Sisimai (BSD-2-Clause, https://sisimai.org) collected from real bounces; Polish ones come from
 * the bounces quoted in the seeds.
 *
 * Order of precedence between reasons is TEXT_PRECEDENCE below (first listed wins when several match).
 */
import type { Reason } from '../core/finding.js';

export type PhraseTable = Partial<Record<Reason, readonly string[]>>;

/**
 * The servers' specific wording, per reason; see the top of this file for the notation and TEXT_PRECEDENCE for which
 * reason wins.
 */
export const PHRASES: PhraseTable = {
  mailboxfull: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'error: quota exceed', 'as their mailbox is full', 'the user(s) account is temporarily over quota',
    // Wording from Sisimai v5 (go-sisimai reason/why-mailboxfull.go, BSD-2-Clause).
    'mailbox exceeds allowed size', 'not sufficient disk space', "user's space has been used up",
    "przepełniona", "przepelniona", "skrzynka jest przepełniona", "brak miejsca na koncie",
    "skrzynka pełna", "skrzynka pelna", "skrzynka odbiorcy jest pelna", "skrzynka jest pełna", "przekroczono limit miejsca", "brak wolnego miejsca", "mailbox for user is full", "blocks limit exceeded", "quota exceeded (mailbox",
    'account disabled temporarly for exceeding receiving limits', 'account is exceeding their quota',
    'account is over quota', 'account is temporarily over quota', 'boite du destinataire pleine',
    'delivery failed: over quota', 'disc quota exceeded', 'disk quota exceeded', 'does not have enough space',
    'exceeded storage allocation', 'exceeding its mailbox quota', 'full mailbox', 'is over disk quota',
    'is over quota', 'mail file size exceeds the maximum size allowed for mail delivery', 'mail quota exceeded',
    'mailbox exceeded the local limit', 'mailbox full', 'mailbox has exceeded its disk space limit',
    'mailbox is full', 'mailbox over quota', 'mailbox quota usage exceeded', 'mailbox size limit exceeded',
    'maildir over quota', 'maildir delivery failed: userdisk quota ', 'maildir delivery failed: domaindisk quota ',
    'mailfolder is full', 'not enough storage space in', 'over the allowed quota', 'quota exceeded',
    'quota violation for', 'recipient reached disk quota', 'mailbox would exceed maximum allowed storage',
    "the user's space has been used up", 'is over quota', 'too much mail data', 'user has exceeded quota',
    'user has too many messages on the server', 'user is over quota', 'user is over the quota', 'user over quota',
    'would be over the allowed quota', 'mailbox is over quota', 'out of storage space', 'inbox is full',
    'over quota', 'exceeded its quota', 'quota full', 'mailbox full (#',
    'skrzynka odbiorcy jest pełna', 'skrzynka jest pelna', 'przekroczony limit skrzynki', 'brak miejsca w skrzynce',
    'mailbox has exceeded the limit', 'mailbox size exceeded', 'the email account that you tried to reach is over quota',
    'recipient mailbox full', 'has exceeded mailbox quota', 'exceeds storage quota',
  ],
  mesgtoobig: [
    // Wording from Sisimai v5 (go-sisimai reason/why-mesgtoobig.go, BSD-2-Clause).
    'exceeded the maximum incoming message size',
    "zbyt duża wiadomość", "zbyt duza wiadomosc", "wiadomość jest zbyt duża", "wiadomosc jest zbyt duza", "message size exceeds limit",
    'exceeded maximum inbound message size', 'line limit exceeded', 'max message size exceeded',
    'message file too big', 'message length exceeds administrative limit', 'message size exceeds fixed limit',
    'message size exceeds fixed maximum message size', 'message size exceeds maximum value', 'message too big',
    'message too large for this ', 'size limit', 'taille limite du message atteinte', 'message is too large',
    'message size exceeds', 'exceeds the maximum message size', 'message exceeds maximum size',
    'wiadomość jest za duża', 'wiadomosc jest za duza', 'message is larger than',
  ],
  exceedlimit: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'the message exeeded the maximum size the user accepts', 'resolver.adr.reciplimit',
    'message header size exceeds limit', 'message too large', 'too many recipients for this message',
    'exceeded the limit of recipients',
  ],
  systemfull: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'mailbox unavailable (not enough free space)',
    'mail system full', 'requested mail action aborted: exceeded storage allocation', 'insufficient disk space',
    'no space left on device', 'disk is full', 'system full', 'insufficient system storage',
  ],
  requireptr: [
    // Wording from Sisimai v5 (go-sisimai reason/why-requireptr.go, BSD-2-Clause).
    'the corresponding forward dns entry does not point to the sending ip',
    "revdns", "rev dns", "reverse dns",
    "mismatches client ip",
    "unverifyable sending ips",
    'no ptr record found', 'cannot find your hostname', 'cannot resolve your address', 'reverse dns failed',
    'reverse dns required', 'reverse dns lookup for host', 'ips with missing ptr records', 'ptr record setup',
    'please get a custom reverse dns name from your isp', 'fix reverse dns for ',
    'all mail servers must have a ptr record with a valid reverse dns entry', 'bad dns ptr resource record',
    'this system will not accept messages from servers/devices with no reverse dns',
    'client host rejected: cannot find your hostname', 'client host rejected: cannot find your reverse hostname',
    'sender ip reverse lookup rejected', 'forbidden by invalid rdns record', 'ip name lookup failed',
    'the ip address sending this message does not have a ptr record', 'does not have a ptr record',
    'no reverse dns', 'reverse dns entry', 'we do not accept mail from hosts with dynamic ip or generic dns ptr-records',
    'we do not accept mail from dynamic ips', 'hosts with dynamic ip', 'without valid reverse dns',
    'reverse dns lookup failed', 'ptr record', 'rdns', 'reverse hostname', 'invalid hostname',
    'brak rekordu ptr', 'nieprawidłowy rekord ptr', 'nie znaleziono nazwy hosta',
  ],
  authfailure: [
    // Wording from Sisimai v5 (go-sisimai reason/why-authfailure.go, BSD-2-Clause).
    "doesn't meet the required authentication level", "doesn't meet the authentication requirements",
    "dkim domain mismatch", "no dkim-signature found", "dkim-signature not found", "bad spf", "dkim mismatch",
    "sprawdz poprawnosc autoryzacji", "failed spf check", "spf failure", "dkim signature verification failed",
    'does not have authentication information', 'unauthenticated email from', 'is not accepted due to domain\'s dmarc policy',
    'dmarc policy', 'dmarc verification failed', 'failed dmarc', 'spf check failed', 'spf check: fail',
    'spf (sender policy framework) domain authentication fail', 'sender policy framework', 'spf validation failed',
    'spf error', 'blad spf', 'błąd spf', 'spf: ', 'spf record', 'not allowed to send mail from',
    'is not allowed to send from', 'per it\'s spf record', 'http://www.openspf.org', 'openspf.org/why',
    'spf.pobox.com/why', 'dkim signature', 'dkim verification failed', 'dkim failed', 'failed dkim',
    'dkim check', 'authentication failure for domain', 'sender domain authentication',
    'rejected because the sending mta or the sender has not passed validation', 'please inspect your spf settings',
    'spf fail', 'failed the spf', 'failed spf', 'dmarc reject', 'dmarc check', 'dmarc failure', 'not pass dmarc',
    'spf authentication', 'spf=fail', 'dkim=fail', 'dmarc=fail', 'sender authentication failed',
    'niezgodność dkim',
  ],
  notaccept: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'no host found for existing smtp connection', 'no mx found for destination',
    // Wording from Sisimai v5 (go-sisimai reason/why-notaccept.go, BSD-2-Clause).
    'destination seem to reject all mails', 'no mx found for ', 'mail receiving disabled',
    "no mx found for domain", "couldn't find a mail exchanger or ip address",
    'indicated no smtp service', 'no smtp service',
    'does not accept mail (nullmx)', 'host/domain does not accept mail', 'host does not accept mail',
    'name server: .: host not found', 'no mx record found for domain=', 'no route for current request',
    'domain does not accept mail', 'null mx', 'nullmx', 'does not receive mail', 'not accepting mail',
    'accepts no mail',
  ],
  hasmoved: [' has been replaced by ', 'address has moved', 'user has moved', 'mailbox has moved', 'has been moved to'],
  suspend: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'mailaddress is administrativ', 'the user(s) account is disabled', 'the user(s) account is temporarily limited',
    // Wording from Sisimai v5 (go-sisimai reason/why-suspend.go, BSD-2-Clause).
    ' currently suspended', 'inactive account', 'is unavailable: user is terminated',
    "konto zostało zablokowane", "konto zostalo zablokowane", "konto nieaktywne", "konto wyłączone", "konto wylaczone",
    "account that you tried to reach is inactive",
    ' is currently suspended', ' temporary locked', 'boite du destinataire archivee',
    'email account that you tried to reach is disabled', 'has been suspended', 'invalid/inactive user',
    'is a deactivated mailbox', 'mailbox currently suspended', 'mailbox is frozen',
    'mailbox unavailable or access denied', 'recipient rejected: temporarily inactive', 'recipient suspend the service',
    'this account has been disabled or discontinued', 'this mailbox is disabled', 'user suspended',
    'vdelivermail: account is locked email bounced', 'account disabled', 'account has been disabled',
    'account is disabled', 'account is inactive', 'mailbox is inactive', 'mailbox disabled', 'account suspended',
    'account is suspended', 'user account is expired', 'user account is disabled', 'account expired',
    'konto zablokowane', 'konto jest zablokowane', 'konto zawieszone', 'is disabled', 'is inactive',
    'has been disabled', 'mailbox is disabled', 'account has been locked', 'account is locked',
  ],
  norelaying: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'due to the following smtp relay error',
    // Wording from Sisimai v5 (go-sisimai reason/why-norelaying.go, BSD-2-Clause).
    'relay prohibition', 'specified domain is not allowed', 'send to a non-local e-mail address', 'unable to relay ',
    "relaying denied", "przekazywanie odrzucone",
    'as a relay', 'insecure mail relay', 'is not permitted to relay through this server without authentication',
    'mail server requires authentication when attempting to send to a non-local e-mail address', 'not a gateway',
    'not allowed to relay through this machine', 'not an open relay, so get lost', 'not local host',
    'relay access denied', 'relay denied', 'relaying mail to ', 'relay not permitted', 'relaying denied',
    "that domain isn't in my list of allowed rcpthost", 'this system is not configured to relay mail',
    'unable to relay for', "we don't handle mail for", 'relay not allowed', 'relaying not allowed',
    'relay prohibited', 'we do not relay', 'relaying to * denied', 'not permitted to relay', 'no relaying',
    'odmowa przekazania', 'nie znajduje sie na liscie obslugiwanych przez serwer',
  ],
  virusdetected: [
    // Wording from Sisimai v5 (go-sisimai reason/why-virusdetected.go, BSD-2-Clause).
    'form of attachment has been used by recent viruses', 'virus phishing/malicious_url detected',
    'it has a potentially executable attachment', 'contains prohibited virus or spam content',
    'this form of attachment has been used by recent viruses or other malware', 'virus detected',
    'your message was infected with a virus', 'virus found', 'infected with', 'contains a virus',
    'malware detected', 'wykryto wirusa', 'message contains malware', 'virus was found',
    // amavisd-new's reject texts ("554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Signature"), clamav-milter's.
    'reject, id=* - infected', '- infected:', 'infected: ', 'eicar-signature', 'eicar-test-signature',
  ],
  spamdetected: [
    // Wording from Sisimai v5 (go-sisimai reason/why-spamdetected.go, BSD-2-Clause).
    'identified spam', 'spam-like header', 'spam content ',
    "system antyspamowy", "filtr antyspamowy", "odrzucona jako spam", "podejrzenie spamu",
    "odrzucono jako spam", "wiadomosc uznana za spam", "rozpoznana jako spam", "uznana jako spam",
    "ofr_506", "mail rejete. mail rejected",
    'the mail server detected your message as spam', 'appears to be unsolicited', 'blacklisted url in message',
    'block for spam', 'blocked by policy: no spam please', 'blocked by spamassassin', 'bulk email',
    'considered unsolicited bulk e-mail', 'content filter rejection', 'denied due to spam list',
    'high probability of spam', 'mail appears to be unsolicited', 'mail content denied', 'may consider spam',
    'message considered as spam or virus', 'message contains spam or virus', 'message content rejected',
    'message detected as spam', 'message is being rejected as it seems to be a spam', 'message looks like spam',
    'spamprofiler', 'message rejected as spam', 'message rejected because of unacceptable content',
    'message rejected due to suspected spam content', 'our email server thinks this email is spam',
    'probability of being spam', 'our system has detected that this message is', 'probable spam',
    'reject bulk.advertising', 'rejected: spamassassin score', 'rejected due to spam', 'rejecting banned content',
    'rejecting mail content', 'related to content with spam-like characteristics', 'due to spam filter',
    'spam blocked', 'spam check', 'spam content matched', 'spam detected', 'spam email', 'spam email not accepted',
    'spam message rejected', 'spam not accepted', 'spam refused', 'spam rejection', 'spam reporting address',
    'spam score ', 'spambouncer identified spam', 'spamming not allowed', 'too much spam',
    'the email message was detected as spam', 'has been rejected by spam filtering engine',
    'rejected due to classification as bulk mail', 'looked like spam', 'detected as spam',
    'is classified as spam and is rejected', 'this message appears to be spam', 'identified as spam',
    'scored as spam', 'spam points', 'was classified as spam', 'recurrent pattern detection system',
    'spam message not queued', 'we dont accept spam', 'using a mass mailer', 'appears similar to spam',
    'breaches local uribl policy', 'had spam-like ', 'is considered spam', 'is probably spam',
    'was detected as spam', 'temporarily blocked by our filter', 'because it appears to be spam',
    'triggered a spam block', 'may contain the spam contents', 'failed several antispam checks',
    'likely unsolicited mail', 'reports it as spam', 'reject, id=* - spam', 'reject, id=* - spammy', 'as spam', 'spam message', 'message is spam',
    'uznana za spam', 'wiadomość uznana za spam', 'wykryto spam', 'unsolicited mail', 'message filtered',
  ],
  badreputation: [
    "temporarily deferred due to unexpected volume or user complaints", "very low reputation", "low reputation of the sending",
    'poor reputation', 'reputation score', 'low reputation', 'bad reputation', 'ip reputation',
    'domain reputation', 'senderbase reputation', 'sender reputation', 'reputation problems',
    'temporarily rate limited due to ip reputation', 'poor email reputation', 'has been temporarily rate limited',
    'unusual rate of unsolicited mail', 'reputacja',
  ],
  policyviolation: [
    // Wording from Sisimai v5 (go-sisimai reason/why-policyviolation.go, BSD-2-Clause).
    'message was rejected by organization policy', 'support.google.com/a/answer/172179',
    "does not allow external forwarding", "external forwarding", "message rejected by policy",
    'host network not allowed',
    "header error",
    'an illegal attachment on your message', 'because the recipient is not accepting mail with ',
    'by non-member to a members-only list', 'closed mailing list', 'denied by policy',
    'email not accepted for policy reasons', 'email rejected due to security policies', 
    'local policy violation', 'message bounced due to organizational settings',
    'message given low priority', 'message not accepted for policy reasons', 'message rejected due to local policy',
    'rejected for policy reasons', 'protocol violation',
    'the email address used to send your message is not subscribed to this group',
    'the message was rejected by organization policy', 'this message was blocked because its content presents a potential',
    'we do not accept messages containing images or other attachments', 'allowable number of posts without solving a captcha',
    'policy violation', 'violates our policy', 'against our policy', 'prohibited attachment', 'attachment not allowed',
    'blocked attachment', 'banned attachment', 'naruszenie polityki', 'rejected by policy', 'policy reasons',
    'administrative prohibition', 'envelope blocked', 'reject, id=* - banned', 'banned:',
  ],
  userunknown: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'invalid final delivery userid', 'no se encuentra en el directorio de domino', "non répertorié dans l'annuaire domino", 'domino ディレクトリには見つかりません', 'ディレクトリのリストにありません', '(000c05a6)',
    // Wording from Sisimai v5 (go-sisimai reason/why-userunknown.go, BSD-2-Clause).
    'recipient address rejected: userunknown', 'recipient is not accepted', 'no thank you rejected: account unavailable', 'weil die adresse nicht gefunden wurde oder keine e-mails empfangen kann',
    "odbiorca nie istnieje", "adres e-mail nie istnieje", "nie ma takiego adresu", "konto nie zostało znalezione",
    "resolver.adr.recipnotfound", "recipnotfound", "resolver.adr.exrecipnotfound", "recipient not found by smtp address lookup", "użytkownik nie istnieje", "uzytkownik nie istnieje", "nie ma takiej skrzynki", "skrzynka nie istnieje", "nieznany adresat", "adresat nie istnieje", "no such user here", "mailbox unavailable", "address not found",
    'not listed in public name & address book',
    'recipient name is not recognized',
    'no valid recipients for this mm',
    "address couldn't be found", "the address couldn't be found",
    "recipient address rejected.", "not listed in domino directory", "recipient address rejected: access denied", "wasn't found at",
    '#5.1.1 bad address', '550 address invalid', '5.1.0 address rejected.', 'does not exist at the organization',
    'address does not exist', 'address not present in directory', 'address unknown', 'archived recipient',
    'bad-recipient', 'bad_recipient', 'bad recipient', "can't accept user", 'does not exist.',
    'destination addresses were unknown', 'destination server rejected recipients', 'email address does not exist',
    'email address could not be found', 'invalid address', 'invalid mailbox', 'invalid recipient',
    'is not a known user', 'is not a valid mailbox', 'is not an active address at this host', 'mailbox * does not exist',
    'mailbox does not exist', 'mailbox invalid', 'mailbox is inactive', 'mailbox not present', 'mailbox not found',
    'mailbox unavailable', 'nessun utente simile in questo indirizzo', 'no account by that name here',
    'no existe dicha persona', 'no existe ese usuario ', 'no mail box available for this user',
    'no mailbox by that name is currently available', 'no mailbox found', 'no matches to nameserver query',
    'no such address here', 'no such mailbox', 'no such person at this address', 'no such recipient', 'no such user',
    'thank you rejected: account unavailable:', 'no valid recipients, bye', 'non-existent user', 'nonexistent user',
    'non existent user', 'not a valid recipient', 'not a valid user here', 'not a local address',
    'not email addresses', 'rcpt <*> does not exist', 'recipient * was not found in', 'recipient address rejected: invalid user',
    'recipient address rejected: invalid-recipient', 'recipient address rejected: user * does not exist',
    'recipient address rejected: user unknown in ', 'recipient address rejected: unknown user',
    'recipient does not exist', 'recipient is not local', 'recipient not exist', 'recipient not found',
    'recipient not ok', 'recipient refuses to accept your mail', 'recipient unknown',
    'requested action not taken: mailbox unavailable', 'resolver.adr.recipientnotfound', 'resolver.adr.recipient notfound',
    'sorry, user unknown', 'sorry, badrcptto', 'sorry, no mailbox here by that name',
    'sorry, your envelope recipient has been denied', 'the email account that you tried to reach does not exist',
    'the following recipients was undeliverable', "the user's email name is not found", 'there is no one at this address',
    'this address no longer accepts mail', 'this email address is wrong or no longer valid',
    'this recipient is in my badrecipientto list', 'this recipient is not in my validrcptto list',
    'this spectator does not exist', 'unknown e-mail address', 'unknown email address', 'unknown local-part',
    'unknown local part', 'unknown mailbox', 'unknown recipient', 'unknown user', 'user * was not found',
    'user * does not exist', 'user does not exist', 'user missing home directory', 'user not active',
    'user not exist', 'user not found', 'user not known', 'user unknown', 'utilisateur inconnu',
    'vdeliver: invalid or unknown virtual user', 'your envelope recipient is in my badrcptto list',
    'no such account', 'account does not exist', 'recipient rejected', 'address rejected: user unknown',
    'not our customer', 'is unknown', 'doesn\'t exist', 'does not exist',
    'nie ma takiego użytkownika', 'nie ma takiego uzytkownika', 'nie istnieje', 'nieznany użytkownik',
    'nieznany uzytkownik', 'nie znaleziono użytkownika', 'nie znaleziono uzytkownika', 'konto nie istnieje', 'adres nie istnieje', 'no such local user', 'invalid user',
    // Polish puts the adjective either side: "użytkownik nieznany", "odbiorca nieznany", "nieznany odbiorca".
    'użytkownik nieznany', 'uzytkownik nieznany', 'odbiorca nieznany', 'nieznany odbiorca', 'adresat nieznany',
    'nie ma takiego adresu', 'nie ma takiego odbiorcy', 'nieprawidłowy adres odbiorcy', 'nieprawidlowy adres odbiorcy',
    'unknown or illegal alias', 'address is not valid', 'mailbox name not allowed', 'user doesn\'t have a',
    "user doesn't exist",
  ],
  hostunknown: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'all host address lookups failed permanently', 'all relevant mx records point to non-existent hosts', 'dns error: domain name not found', 'dns lookup failure: host ', 'as the remote domain doesnt exist', 'smtpsend.dns.nonexistentdomain', 'no such domain.',
    // Wording from Sisimai v5 (go-sisimai reason/why-hostunknown.go, BSD-2-Clause).
    "couldn't find any host ", 'dns server returned answer with no data', 'illegal host/domain name found',
    "domena nie istnieje", "nieznana domena", "nie można znaleźć domeny",
    "host * not found", "domain * not found",
    "unrouteable address", "553 * does not exist", "not listed in public name",
    'domain does not exist', 'domain is not reachable', 'domain must exist', 'host or domain name not found',
    'host unknown', 'host unreachable', 'mail domain mentioned in email address is unknown',
    'name or service not known', 'no such domain', 'unknown domain name', 'recipient domain must exist',
    'the account or domain may not exist', 'unknown host', 'unroutable address', 'domain not found',
    'domain name not found', 'unknown domain', 'no mx or a record', 'no mx record', 'couldn\'t find any host named',
    'could not find any host named', 'nie mozna znalezc hosta', 'nie można znaleźć hosta', 'domena nie istnieje',
    'no valid mx', 'dns lookup failed for', 'nxdomain', 'host not found', 'bad destination system address',
    'could not be resolved', 'domain name required',
  ],
  filtered: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'cannot route mail to user', '(000c0595)',
    // Wording from Sisimai v5 (go-sisimai reason/why-filtered.go, BSD-2-Clause).
    'recipient is only accepting mail from specific email addresses', 'user refuses to receive this mail',
    "recipients was rejected by a remote mail server",
    'because the recipient is only accepting mail from specific email addresses', 'bounced address',
    'due to extended inactivity new mail is not currently being accepted for this mailbox',
    'has restricted sms e-mail', 'is not accepting any mail', 'message rejected due to user rules',
    'not found recipient account', 'refused due to recipient preferences', 'resolver.rst.notauthorized',
    'this account is protected by', 'user reject', 'refuse to receive mail', 'you have been blocked by the recipient',
    'filtered', 'rejected by recipient', 'blocked by recipient', 'recipient has blocked',
    'delivery not authorized', 'rejected by filter', 'message rejected by the recipient',
  ],
  rejected: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'reject spammers:', 'spam mail from a spammer is rejected',
    // Wording from Sisimai v5 (go-sisimai reason/why-rejected.go, BSD-2-Clause).
    'badsendermx', 'has an outgoing mail suspension', 'not member article from ', 'returned mail not accepted here', 'sending this from a different address or alias using the ', 'sendernoa', 'server does not accept mail from', 'too many spam complaints', 'empty email address',
    "you are not a member of this mailing list", "are not member", "not a member of this list",
    "'send mail as' account", "send mail as",
    "can't determine purported responsible address",
    'you may not have permission to post', 'may not exist, or you may not have permission', '投稿する権限', 'not have permission to post messages to the group',
    'access denied (in reply to mail from command)', 'access denied (sender blacklisted)', 'batv failed to verify',
    'batv validation failure', 'backscatter protection detected an invalid or expired email address',
    "because the sender isn't on the recipient's list of senders to accept mail from", 'bogus mail from',
    'connections not accepted from servers without a valid sender domain', 'denied [bouncedeny]',
    'denied by secumail valid-address-filter', 'delivery not authorized, message refused', 'does not exist e2110',
    'domain of sender address ', 'email address is on senderfilterconfig list', 'emetteur invalide',
    'empty envelope senders not allowed', 'error: no third-party dsns', 'from: domain is invalid',
    'fully qualified email address required', 'invalid domain, see <url:', 'invalid sender',
    'is not a registered gateway user', 'mail from not owned by user', 'email address is not verified',
    'null sender is not allowed', 'recipient addresses rejected : access denied', 'batv: no tag',
    'rfc 1035 violation: recursive cname records for', 'rule imposed mailbox access for',
    'sender address has been blacklisted', 'sender email address rejected', 'sender is in my black list',
    'sender is spammer', 'sender not pre-approved', 'sender rejected', 'sender domain is empty',
    'sender verify failed', 'syntax error: empty email address', 'the message has been rejected by batv defense',
    'this server does not accept mail from', 'transaction failed unsigned dsn for', 'unroutable sender address',
    'you are not allowed to post to this mailing list', 'you are sending to/from an address that has been blacklisted',
    'sender address rejected', 'sender was rejected', 'sender domain must exist', 'sender domain not found',
    'sender address does not exist', 'sender not allowed', 'sender denied', 'sender blocked', 'mail from rejected',
    'domain of sender', 'sender verification failed', 'invalid mail from', 'sender unknown',
    'nadawca odrzucony', 'weryfikacja nadawcy nie powiodła się', 'not allowed to post',
    'not authorized to send', 'not permitted to post', 'you do not have permission to post',
    'only members can post', 'mx records for ', 'unverified sender', 'your email address has been blacklisted',
  ],
  toomanyconn: [
    "connection frequency limited",
    'all available ips are at maximum connection limit', 'connection rate limit exceeded',
    'exceeds per-domain connection limit for', 'too many connections', 'too many concurrent smtp connections',
    'too many errors from your ip', 'too many smtp sessions for this host', 'trop de connexions, ',
    'too many simultaneous connections', 'connection limit', 'too many sessions', 'zbyt wiele połączeń',
    'zbyt wiele polaczen', 'too many recipients',
  ],
  speeding: [
    // Wording from Sisimai v5 (go-sisimai reason/why-speeding.go, BSD-2-Clause).
    'please try again slower',
    "limit wysyłania", "limit wysylania", "przekroczono limit wysyłki", "przekroczono limit wysylki", "zbyt wiele wiadomości",
    "submission quota exceeded", "sending quota exceeded", "too many messages in this session",
    "receiving mail at a rate", "rate that prevents additional messages",
    'rate limit', 'rate limited', 'sending rate', 'too many messages', 'throttl', 'exceeded the max emails per hour',
    'daily message quota exceeded', 'maximum sending rate exceeded', 'sending too fast', 'too fast',
    'try again later, closing connection', 'unusual rate', 'sending limit', 'message rate',
    'zbyt wiele wiadomości', 'limit wysyłki',
  ],
  blocked: [
    // Wording from Sisimai v5 (go-sisimai reason/why-blocked.go, BSD-2-Clause).
    'bad sender ip address', 'service not available, closing transmission channel',
    "adres ip jest na czarnej liście", "adres ip znajduje się na czarnej liście",
    "traffic not accepted from this ip", "will be permanently deferred", "access denied, banned sending ip", "ip address is blocked", "odrzucono połączenie", "odrzucono polaczenie",
    "invalid ip for sending mail of domain",
    "but my name was rejected", "ip address blacklisted",
    ' said: 550 blocked', 'access from ip address * blocked', 'banned sending ip', 'blacklisted by',
    'blocked - see http', 'refused - see http', 'blocked using ', 
    'client host * blocked using', 'client host rejected: abus detecte', 'client host rejected: may not be mail exchanger',
    'client host rejected: was not authenticated', 'confirm this mail server', 'connection dropped',
    'connection reset by peer', 'connection was dropped by remote host',
    'connections not accepted from ip addresses on spamhaus xbl', "because the ip is in spamhaus's list",
    'currently sending spam see: ', 'dynamic/zombied/spam ips blocked', 'email blocked by',
    'error: no valid recipients from ', 'esmtp not accepting connections', 'extreme bad ip profile', 'go away',
    'helo command rejected:', 'refused to talk to me', 'ip/domain reputation problems',
    'is in a black list', 'is blocked by earthlink', 'is blocked',
    'rejected based on blacklist', 'rejected for possible spam/virus content', 'temporarily deferred due to user complaints',
    'no access from mail server', 'not currently accepting mail from your ip', 'part of their network is on our block list',
    'please use the smtp server of your isp', 'rejected due to a poor email reputation score',
    'rejecting open proxy', 'sender ip address rejected', 'server access * forbidden by your ip', 'forbidden by your ip',
    'listed as abusive', 
    'smtp error from remote mail server after initial connection:', 'your remotehost looks suspiciously like spammer',
    'is blacklisted',
    'to submit messages to this e-mail system has been rejected', 'too many spams from your ip',
    'too many unwanted messages have been sent from the following ip address above', 'unresolvable relay host name',
    'service refused, please try later', 'was blocked by ', 'you are not allowed to connect', 'you are sending spam',
    'your network is temporary blacklisted', 'abuseat.org', 'your server requires confirmation', 'spamhaus',
    'spamcop', 'barracudacentral', 'sorbs', 'blocklist', 'block list', 'blacklist', 'black list', 'dnsbl', 'rbl',
    'listed at', 'listed in', 'your ip', 'ip address of: ', 'client host rejected', 'access denied',
    'not allowed to send mail', 'has been blocked', 'blocked by', 'blocked',
    'rejected due to the sending mta', 'senderbase', 'czarnej liście', 'czarnej liscie', 'zablokowany',
    'denied by sender ip', 'ip blocked', 'host blocked', 'local policy',
  ],
  failedstarttls: [
    "must issue a starttls command first", "tls negotiation", "starttls required", "requires encryption",
    'starttls', 'tls required', 'tls is required', 'must issue a starttls command first', 'encryption required',
    'tls negotiation failed', 'tls handshake', 'ssl handshake', 'certificate verification failed',
    'wymaga szyfrowania', 'requires tls',
  ],
  securityerror: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'could not retrieve credentials', 'resolver.rst.authrequired', '(000b0981)',
    'account not subscribed to ses', 'authentication credentials invalid', 'authentication failure',
    'authentication failed; server', 'authentication required', 'authentication turned on in your email client',
    'authentification requise', "authentification invalide", 'is a dead domain',
    'executable files are not allowed in compressed files', 
    "you don't authenticate or the domain isn't in my list of allowed rcpthosts",
    'unauthenticated senders not allowed', 'is not authorized to perform ses:sendrawemail',
    'authentication is required', 'verification failure', 'sender not authenticated',
    'must be authenticated', 'authentication needed', 'uwierzytelnianie', 'smtp auth', 'not authorized',
    'security policies', 'message does not pass security checks', 'authentication not enabled',
    'authentication not available', 'auth not available',
  ],
  contenterror: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'too many "received" headers', '(00050311)', '(000502cc)',
    // Wording from Sisimai v5 (go-sisimai reason/why-contenterror.go, BSD-2-Clause).
    'message contain improperly-formatted binary content', 'message contain text that uses unnecessary base64 encoding', 'message contain invalid mime headers',
    'header size exceeds maximum permitted', 'improper use of 8-bit data in message header',
    'message header size, or recipient list, exceeds policy limit', 'message mime complexity exceeds the policy maximum',
    'this message contain invalid mime headers', 'this message contain improperly-formatted binary content',
    'this message contain text that uses unnecessary base64 encoding', 'illegal character', 'illegal characters',
    'invalid character', 'bare lf', 'bare line feed', 'invalid mime', 'malformed mime', 'content error',
    'message content error', 'nieprawidłowe znaki', 'niedozwolone znaki', 'reject, id=* - bad-header',
  ],
  notcompliantrfc: [
    // Wording from Sisimai v5 (go-sisimai reason/why-notcompliantrfc.go, BSD-2-Clause).
    'support.google.com/mail/?p=rfcmessagenoncompliant',
    "header are not accepted", "messages with multiple addresses", "multiple addresses in from",
    'not compliant with rfc', 'rfc 5322', 'rfc5322', 'rfc 2822', 'rfc2822', 'rfc 822', 'multiple from headers',
    'duplicate header', 'missing required header', 'message is not rfc', 'no message-id', 'missing message-id',
    'message-id header', 'date header', 'header field not compliant', 'is not rfc compliant', 'malformed header',
  ],
  syntaxerror: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'angle-brackets nested too deep', 'expected word or "<"', 'domain missing in source-routed address',
    "malformed address", "syntactically invalid",
    'syntax error', 'command unrecognized', 'command not recognized', 'unrecognized command',
    'bad sequence of commands', 'parameter not implemented', 'command not implemented', 'line too long',
    'błąd składni', 'blad skladni',
  ],
  networkerror: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'all routes to destination blocked', 'no valid route to remote mx', 'no valid route to destination', 'temporary failure in mx lookup', 'smtpsend.dns.mxloopback', '(00120270)',
    // Wording from Sisimai v5 (go-sisimai reason/why-networkerror.go, BSD-2-Clause).
    'address family mismatch on destination mxs', 'bad dns lookup error code', 'could not contact dns servers', 'could not retrieve source address', 'establish an smtp connection', 'exceeded maximum hop count', 'listed as a best-preference mx', 'no relevant answers', 'loop detected',
    'could not connect and send the mail to', 'dns records for the destination computer could not be found',
    'hop count exceeded - possible mail loop', 'host is unreachable', 'host name lookup failure',
    'host not found, try again', 'mail forwarding loop for ', 'malformed name server reply',
    'malformed or unexpected name server reply', 'maximum forwarding loop count exceeded', 'message looping',
    'message probably in a routing loop', 'no route to host', 'too many hops', 'unable to resolve route ',
    'unrouteable mail domain', 'routing loop', 'mail loop', 'dns error', 'dns failure', 'temporary dns',
    'network is unreachable', 'name service error', 'dns lookup failure', 'dns query failed', 'dns lookup failed', 'no route', 'lost connection with',
    'connection died', 'połączenie zostało przerwane', 'polaczenie zostalo przerwane', 'connection lost',
    'temporary failure in name resolution', 'network error', 'could not connect', 'unable to connect',
  ],
  expired: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'no action is required on your part', 'all hosts have been failing for a long time and were last tried', 'delay reason: ', 'has been frozen', 'was frozen on arrival by ', 'your message was not delivered within ', 'queue.expired',
    // Wording from Sisimai v5 (go-sisimai reason/why-expired.go, BSD-2-Clause).
    'message could not be delivered for more than',
    // A host that refused the connection or kept greylisting until the queue gave up: in a bounce the queue
    // lifetime ended (TCP refusals are no policy block: those come as 5xx replies). Said live, LIVE_READING
    // reads them as what they are for that one attempt.
    'connection refused by', 'connection refused', 'network error on destination mxs',
    'greylist', 'graylist', 'grey-list', 'gray-list', 'grey list', 'gray list', 'szara lista', 'szarej listy',
    "will continue trying", "host not reachable",
    // Haraka: every MX host was tried and none took the message (refused, timed out, deferred) until its retries ran out.
    'tried all mxs',
    "did not accept our requests to connect", "delivery failed * attempts", "envelope expired", "still undelivered after", "will keep trying until message is",
    'could not deliver for the last', 'will be retried for', 'has not been delivered', 'delivery is delayed', 'not yet been delivered',
    'connection timed out', 'could not find a gateway for', 'delivery attempts will continue to be',
    'delivery time expired', 'failed to deliver to domain ', 'giving up on', 'have been failing for a long time',
    'has been delayed', 'it has not been collected after', 'message expired after sitting in queue for',
    'message expired', 'message timed out', 'retry time not reached for any host after a long failure period',
    'server did not respond', 'this message has been in the queue too long', 'unable to deliver message after multiple retries',
    'was not reachable within the allowed queue period', 'your message could not be delivered for more than',
    'retry timeout exceeded', 'queue too long', 'in the queue too long', 'delivery expired', 'expired in queue',
    'timed out', 'timeout', 'delayed', 'will retry', 'retry', 'could not be delivered within',
    'wiadomość zbyt długo w kolejce', 'zbyt dlugo w kolejce', 'nie udało się doręczyć w wyznaczonym czasie',
  ],
  systemerror: [
    // Wording of MTA decoders' tables (Sisimai lhost/*, BSD-2-Clause): Exim, qmail(-ldap), OpenSMTPD, Exchange, Domino, Courier, Japanese carriers.
    'delivery to file forbidden', 'delivery to pipe forbidden', 'lmtp error after ', "this domain's dns violates rfc 1035", 'bad interpreter: no such file or directory', 'temporary error in automatic homedir creation', 'performing search on ldap server', 'unable to login into ldap server', 'resolver.adr.badprimary', 'resolver.adr.invalidinsmtp', 'resolver.adr.ambiguous', '(00010256)', '(000d06b5)',
    // Wording from Sisimai v5 (go-sisimai reason/why-systemerror.go, BSD-2-Clause).
    'automatic homedir creator crashed', 'cannot send e-mail to yourself', 'input/output error', 'ldap lookup', 'ldap attribute', 'mail transport unavailable', 'error while executing qmail-forward', 'recipient deferred because there is no mdb', 'several matches found in domino directory', 'too many results returned but needs to be unique',
    "duplicated message-id", "loop alert",
    "unable to contact ldap server",
    'aliasing/forwarding loop broken', "can't create user output file", 'could not load drd for domain',
    'internal error reading data', 'internal server error: operation now in progress', 'interrupted system call',
    'it encountered an error while being processed', 'it would create a mail loop', 'local configuration error',
    'local error in processing', 'loop was found in the mail exchanger', 'loops back to myself',
    'queue file write error', 'mail system configuration error', 'remote server is misconfigured',
    'server configuration error', 'service currently unavailable', 'system config error', 'temporary local problem',
    'timeout waiting for input', 'transaction failed', 'internal error', 'server error', 'system error',
    'temporary failure', 'try again later', 'service unavailable', 'temporarily unavailable', 'local error',
    'błąd serwera', 'blad serwera', 'tymczasowy błąd',
    // The receiving system's own local delivery may not write the mailbox (its owner or mode is wrong): Postfix
    // local(8)/virtual(8) "cannot open file: Permission denied", OpenSMTPD's delivery helpers.
    'cannot open file: permission denied', 'mail.maildir: permission denied', 'mail.mboxfile: permission denied',
  ],
  mailererror: [
    // Wording from Sisimai v5 (go-sisimai reason/why-mailererror.go, BSD-2-Clause).
    ' || exit ',
    'procmail: ', 'bin/procmail', 'bin/maildrop', 'command failed: ', 'command died with status',
    'command output:', 'exit 1', 'exit 7', 'exit 64', 'exit 75', 'exit 127', 'mailer error', 'pipe to |/',
    'x-unix; ', 'unknown mailer error', 'mail program', 'local delivery failed',
    // A local delivery command's own exit, as the MTAs word it: OpenSMTPD's mda ("exited abnormally"), Postfix's
    // sys_exits text for a code it has no name for ("unknown mail system error 1"), Sendmail's deferral of its
    // prog mailer ("prog mailer (/bin/sh) exited with EX_TEMPFAIL").
    'exited abnormally', 'unknown mail system error', 'mailer (*) exited with ex_',
  ],
};

/**
 * Which reason wins when the text matches several: the specific before the generic. E.g. "mailbox full"
 * beats "user" wording; "spam" beats "blocked"; a missing PTR beats a generic "client host rejected".
 */
export const TEXT_PRECEDENCE: readonly Reason[] = [
  'mailboxfull', 'mesgtoobig', 'exceedlimit', 'systemfull', 'hasmoved', 'notaccept', 'suspend', 'norelaying',
  'requireptr', 'authfailure', 'virusdetected', 'badreputation', 'spamdetected', 'notcompliantrfc', 'policyviolation',
  'userunknown', 'hostunknown', 'filtered', 'rejected', 'toomanyconn', 'speeding', 'failedstarttls',
  'securityerror', 'blocked', 'contenterror', 'syntaxerror', 'systemerror', 'expired', 'onhold', 'networkerror',
  'mailererror',
];

/**
 * Generic fragments that count only when no specific fragment matched (a bare "blocked" or "timed out"
 * says little next to "mailbox full").
 */
export const WEAK_PHRASES: ReadonlySet<string> = new Set([
  'listed at', 'listed in', 'your ip', 'ip address of: ', 'access denied',
  'connection refused', 'not allowed to send mail', 'has been blocked', 'blocked by', 'blocked', 'helo', 'ehlo',
  'local policy', 'zablokowany', 'recipient rejected', 'is unknown', "doesn't exist", 'does not exist', 'nie istnieje',
  'timed out', 'timeout', 'delayed', 'will retry', 'retry', 'ptr record', 'rdns', 'reverse hostname',
  'invalid hostname', 'filtered', 'as spam', 'spam message', 'unsolicited mail', 'message filtered', 'internal error',
  'server error', 'system error', 'temporary failure', 'try again later', 'service unavailable',
  'temporarily unavailable', 'local error', 'not authorized', 'smtp auth', 'security policies', 'is disabled',
  'is inactive', 'has been disabled', 'throttl', 'too fast', 'sending limit', 'no route', 'could not connect',
  'unable to connect', 'connection lost', 'network error', 'spf: ', 'spf record', 'exit 1', 'mail program',
  'host not found', 'could not be resolved', 'not accepting mail', 'does not receive mail', 'rate limit',
  'policy reasons', 'size limit', 'connection limit', 'too many recipients', 'starttls', 'uwierzytelnianie',
  'over quota', 'invalid address', 'user not found', 'spam score ', 'administrative prohibition', 'reverse dns', 'rev dns', 'policy violation', 'delivery not authorized',
]);

/**
 * Phrases read differently outside a bounce (a live SMTP answer, a log line, a pasted reply). In a bounce the
 * queue has already given up, so Sisimai's reading holds ("connection timed out" → expired); said live, the
 * same words describe the failure of this one attempt.
 */
export const LIVE_READING: Readonly<Record<string, Reason>> = {
  'connection timed out': 'networkerror', 'timed out': 'networkerror', timeout: 'networkerror',
  'connection refused by': 'networkerror', 'connection refused': 'networkerror', 'network error on destination mxs': 'networkerror',
  // Greylisting: the server defers the first attempt on purpose and accepts a retry after some minutes; no
  // bounce reason names it, "on hold" with a temporary permanence is the honest reading of one answer.
  greylist: 'onhold', graylist: 'onhold', 'grey-list': 'onhold', 'gray-list': 'onhold', 'grey list': 'onhold', 'gray list': 'onhold',
  'szara lista': 'onhold', 'szarej listy': 'onhold',
  'host not reachable': 'networkerror', 'server did not respond': 'networkerror',
  // Postfix's access map (check_recipient_access … REJECT): the recipient's side refuses mail to that address
  // by its own rule; the address may well exist (Sisimai lists it as an unknown user, a bounce keeps that).
  'recipient address rejected: access denied': 'filtered',
};

/** Phrases that make a failure temporary when no code says otherwise (the resolver's "try again"). */
export const TEMPORARY_PHRASES: ReadonlySet<string> = new Set([
  'host not found, try again', 'temporary failure in name resolution', 'temporary dns', 'greylist', 'graylist',
  'grey-list', 'gray-list', 'grey list', 'gray list', 'szara lista', 'szarej listy',
]);

/**
 * Words that say the destination's host was found and tried (a connection refused or timed out, every MX tried):
 * the domain exists, so a status saying it has no host (X.1.2, which Haraka gives any failure to reach an MX) is
 * the MTA's catch-all code, and these words tell what happened.
 */
export const HOST_WAS_TRIED: ReadonlySet<string> = new Set([
  'tried all mxs', 'connection refused', 'connection refused by', 'connection timed out', 'network error on destination mxs',
  'did not accept our requests to connect', 'server did not respond', 'host not reachable',
]);

/**
 * Causes that outrank the expiry they led to, with the reason they stand for: a queue that gave up because the name
 * service failed is a network (DNS) problem to fix, not just "too old" ("DNS query failed … message expired"); one
 * that gave up because its own local delivery program kept failing is that program's failure ("pipe to |… local
 * delivery failed: retry timeout exceeded", "Delay reason: local delivery failed").
 */
export const CAUSE_OF_EXPIRY: Readonly<Record<string, Reason>> = {
  ...Object.fromEntries([
    'name service error', 'dns lookup failure', 'dns query failed', 'dns lookup failed', 'dns error', 'dns failure', 'temporary dns', 'host name lookup failure',
    'host not found, try again', 'temporary failure in name resolution', 'malformed name server reply',
    'malformed or unexpected name server reply', 'network is unreachable', 'no route to host', 'host is unreachable',
  ].map((p) => [p, 'networkerror' as Reason])),
  ...Object.fromEntries([
    'local delivery failed', 'pipe to |/', 'command died with status', 'unknown mailer error', 'exited abnormally',
    'unknown mail system error', 'mailer (*) exited with ex_',
  ].map((p) => [p, 'mailererror' as Reason])),
};

