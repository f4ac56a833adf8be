#!/usr/bin/env bash
# Signed test zones for the DNSSEC chain walk and DANE (test/domain/dane.test.ts), made at each environment start
# (start.sh calls this): keys are new each time, so the zones are regenerated, never kept.
#   mm-dnssec.test                 signed parent (ECDSA P-256); its DS is written to DIR/anchor.ds — the tests'
#                                  trust anchor, as NSD has no signed root above it
#   good.mm-dnssec.test            signed (ECDSA P-256, KSK + ZSK), DS in the parent; MX hosts with TLSA records
#                                  that match / do not match the test Postfix's certificates (testenv/certs.sh)
#   rsa.mm-dnssec.test             signed with RSASHA256 (algorithm 8), DS in the parent
#   brokends.mm-dnssec.test        signed, but the parent's DS matches no key (a broken chain)
#   badsig.mm-dnssec.test          signed, the DNSKEY RRset's signature damaged afterwards (a bad signature)
#   unsigned.mm-dnssec.test        not signed, no DS (an insecure delegation), with a TLSA record nobody can trust, and
#                                  hosted.unsigned…: an unsigned domain whose MX is good's host with valid TLSA
# and, NOT loaded into NSD (it would answer for every name), a signed root "." and "test." above mm-dnssec.test in
# WORKDIR/root.zone, WORKDIR/test.zone with the root's DS in WORKDIR/root-anchor.ds: a test serves them from its
# own fake DNS server to walk a chain up to a root anchor (RSASHA256, as the real root).
# Usage: testenv/dnssec-zones.sh ZONEDIR CERTDIR WORKDIR   (needs ldns-keygen / ldns-signzone from ldnsutils)
set -euo pipefail
Z=${1:?usage: dnssec-zones.sh ZONEDIR CERTDIR WORKDIR}; C=${2:?certdir}; W=${3:?workdir}
P=mm-dnssec.test
rm -rf "$W"; mkdir -p "$W" "$Z"; cd "$W"
EXP=$(date -u -d '+30 days' +%Y%m%d%H%M%S); INC=$(date -u -d '-1 day' +%Y%m%d%H%M%S)

spki256() { openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1; }
spki512() { openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform DER | sha512sum | cut -d' ' -f1; }
cert256() { openssl x509 -in "$1" -outform DER | sha256sum | cut -d' ' -f1; }
GOOD_SPKI=$(spki256 "$C/good-cert.pem"); GOOD_SPKI512=$(spki512 "$C/good-cert.pem")
CA_CERT=$(cert256 "$C/ca.pem"); OTHER_SPKI=$(spki256 "$C/wrongname-cert.pem")

soa() { printf '$ORIGIN %s.\n$TTL 300\n@ 3600 IN SOA ns1.%s. hostmaster.%s. 2026120501 7200 1800 1209600 300\n@ IN NS ns1.%s.\nns1 IN A 45.10.20.1\n' "$1" "$P" "$1" "$P"; }
mxhost() { printf '%s IN MX 10 %s.%s.\n%s IN TXT "v=spf1 -all"\n%s IN A 127.0.0.1\n' "$1" "$2" "$3" "$1" "$2"; }

# keys ZONE ALG → KSK and ZSK base names in KSK_<n> / ZSK_<n>
keys() { KSK=$(ldns-keygen -a "$2" -k "$1"); ZSK=$(ldns-keygen -a "$2" "$1"); }
sign() { ldns-signzone -e "$EXP" -i "$INC" -f "$Z/$1.zone" "$W/$1.unsigned" "$KSK" "$ZSK" >/dev/null; }
ds() { ldns-key2ds -n -2 "$KSK.key"; }

# good: the MX hosts live in the zone; their TLSA records against the test Postfix's certificates.
{ soa good.$P
  mxhost @ mx good.$P
  printf '_25._tcp.mx IN TLSA 3 1 1 %s\n' "$GOOD_SPKI"
  mxhost ee mx-ee good.$P;     printf '_25._tcp.mx-ee IN TLSA 3 1 2 %s\n' "$GOOD_SPKI512"
  mxhost ta mx-ta good.$P;     printf '_25._tcp.mx-ta IN TLSA 2 0 1 %s\n' "$CA_CERT"
  mxhost wrong mx-wrong good.$P; printf '_25._tcp.mx-wrong IN TLSA 3 1 1 %s\n' "$OTHER_SPKI"
  mxhost pkix mx-pkix good.$P; printf '_25._tcp.mx-pkix IN TLSA 1 1 1 %s\n' "$GOOD_SPKI"
  mxhost junk mx-junk good.$P; printf '_25._tcp.mx-junk IN TLSA 3 1 1 %s\n_25._tcp.mx-junk IN TLSA 7 1 1 %s\n' "${GOOD_SPKI:0:40}" "$GOOD_SPKI"
  mxhost none mx-none good.$P
} > good.$P.unsigned
keys good.$P ECDSAP256SHA256; sign good.$P; GOOD_DS=$(ds)

{ soa rsa.$P; mxhost @ mx rsa.$P; } > rsa.$P.unsigned
keys rsa.$P RSASHA256; sign rsa.$P; RSA_DS=$(ds)

{ soa brokends.$P; mxhost @ mx brokends.$P; } > brokends.$P.unsigned
keys brokends.$P ECDSAP256SHA256; sign brokends.$P
# The DS of a key that is not in the zone: what a registrar keeps after a key roll the zone finished without it.
STRAY=$(ldns-keygen -a ECDSAP256SHA256 -k brokends.$P); BROKEN_DS=$(ldns-key2ds -n -2 "$STRAY.key")

{ soa badsig.$P; mxhost @ mx badsig.$P; } > badsig.$P.unsigned
keys badsig.$P ECDSAP256SHA256; sign badsig.$P; BADSIG_DS=$(ds)
# Damage the DNSKEY RRset's signatures: change one base64 character in the middle of each.
awk '$4 == "RRSIG" && $5 == "DNSKEY" { s = $NF; m = int(length(s) / 2); c = substr(s, m, 1); r = (c == "A") ? "B" : "A"; $NF = substr(s, 1, m - 1) r substr(s, m + 1) } { print }' OFS='\t' \
  "$Z/badsig.$P.zone" > badsig.tmp && mv badsig.tmp "$Z/badsig.$P.zone"

# hosted: a customer's unsigned domain whose MX is the signed provider's host with valid TLSA (RFC 7672 §2.2: no DANE).
{ soa unsigned.$P; mxhost @ mx unsigned.$P; printf '_25._tcp.mx IN TLSA 3 1 1 %s\n' "$GOOD_SPKI"
  printf 'hosted IN MX 10 mx.good.%s.\nhosted IN TXT "v=spf1 -all"\n' "$P"; } > "$Z/unsigned.$P.zone"

{ soa $P
  for c in good rsa brokends badsig unsigned; do printf '%s IN NS ns1.%s.\n' "$c" "$P"; done
  printf '%s\n%s\n%s\n%s\n' "$GOOD_DS" "$RSA_DS" "$BROKEN_DS" "$BADSIG_DS"
} > $P.unsigned
keys $P ECDSAP256SHA256; sign $P
ds > "$W/anchor.ds"

# The chain above: test. (DS of mm-dnssec.test) signed, and a root (DS of test.) signed; RSASHA256 like the real root.
{ printf '$ORIGIN test.\n$TTL 300\n@ 3600 IN SOA ns.test. hostmaster.test. 2026120501 7200 1800 1209600 300\n@ IN NS ns.test.\nns IN A 127.0.0.1\nmm-dnssec IN NS ns1.mm-dnssec.test.\n'
  cat "$W/anchor.ds"
} > test.unsigned
KSK=$(ldns-keygen -a RSASHA256 -b 2048 -k test); ZSK=$(ldns-keygen -a RSASHA256 -b 1024 test)
ldns-signzone -e "$EXP" -i "$INC" -f "$W/test.zone" "$W/test.unsigned" "$KSK" "$ZSK" >/dev/null
{ printf '$ORIGIN .\n$TTL 300\n. 3600 IN SOA a.root-servers.test. hostmaster.root. 2026120501 7200 1800 1209600 300\n. IN NS a.root-servers.test.\ntest. IN NS ns.test.\n'
  ds
} > root.unsigned
KSK=$(ldns-keygen -a RSASHA256 -b 2048 -k .); ZSK=$(ldns-keygen -a RSASHA256 -b 1024 .)
ldns-signzone -o . -e "$EXP" -i "$INC" -f "$W/root.zone" "$W/root.unsigned" "$KSK" "$ZSK" >/dev/null
ds > "$W/root-anchor.ds"
