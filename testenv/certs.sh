#!/usr/bin/env bash
# Certificates for the probe tests, made once per environment in CERTDIR (start.sh calls this):
#   ca.pem / ca-key.pem                 a test certificate authority ("mailmedic Test CA")
#   good-cert.pem / good-key.pem        CA-signed, mail.example.test + localhost + 127.0.0.1 (+ the DANE-TA test MX
#                                       mx-ta.good.mm-dnssec.test), valid 10 years
#   expired-cert.pem / expired-key.pem  CA-signed, right names, expired (2020-01-01 .. 2021-01-01)
#   wrongname-cert.pem / wrongname-key.pem  CA-signed, valid, but only for wrong-host.example.net
# The default cert.pem from start.sh stays self-signed. Usage: testenv/certs.sh CERTDIR
set -euo pipefail
D=${1:?usage: testenv/certs.sh CERTDIR}
mkdir -p "$D"
[ -f "$D/wrongname-cert.pem" ] && exit 0
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
touch "$W/index.txt"; echo 1000 > "$W/serial"
cat > "$W/ca.cnf" <<X
[ ca ]
default_ca = testca
[ testca ]
dir = $W
database = $W/index.txt
serial = $W/serial
new_certs_dir = $W
certificate = $D/ca.pem
private_key = $D/ca-key.pem
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[ anything ]
commonName = supplied
[ good ]
basicConstraints = CA:FALSE
subjectAltName = DNS:mail.example.test,DNS:localhost,IP:127.0.0.1,DNS:mx-ta.good.mm-dnssec.test
[ wrongname ]
basicConstraints = CA:FALSE
subjectAltName = DNS:wrong-host.example.net
X
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=mailmedic Test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$D/ca-key.pem" -out "$D/ca.pem" 2>/dev/null
make() { # name CN section startdate enddate
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$2" -keyout "$D/$1-key.pem" -out "$W/$1.csr" 2>/dev/null
  openssl ca -batch -config "$W/ca.cnf" -extensions "$3" -startdate "$4" -enddate "$5" -notext \
    -in "$W/$1.csr" -out "$D/$1-cert.pem" 2>/dev/null
  # Servers send the chain: leaf + CA (the CA is trusted only when the client is given ca.pem).
  cat "$D/$1-cert.pem" "$D/ca.pem" > "$D/$1-chain.pem"
}
make good mail.example.test good "$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)" "$(date -u -d '+3650 days' +%Y%m%d%H%M%SZ)"
make expired mail.example.test good 20200101000000Z 20210101000000Z
make wrongname wrong-host.example.net wrongname "$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)" "$(date -u -d '+3650 days' +%Y%m%d%H%M%SZ)"
chmod 600 "$D"/*key*.pem
