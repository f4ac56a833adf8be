#!/usr/bin/env bash
# Installs the Debian packages the tests and benchmarks need (real Postfix, Dovecot, NSD, swaks, pflogsumm,
# Sisimai for the bounce benchmark, Chromium for the browser tests, SpamAssassin for the header tests; amavisd-new,
# opendkim and rsyslog for the filtering server of testenv/filters whose logs the logs tests read, and for its filter
# MX opendmarc, postfix-policyd-spf-python, rspamd, clamav (sigtool), clamav-daemon, clamav-milter, spamd and
# spamass-milter; ldnsutils to sign
# the DNSSEC test zones; nats-server and postgresql for the stream workers' tests, which start their own on free
# ports; g++, make and python3 build better-sqlite3, the watch history database, from source when npm ci finds no
# prebuilt binary). Idempotent; needs root.
set -euo pipefail
need=(postfix dovecot-imapd dovecot-pop3d nsd swaks libnet-ssleay-perl libio-socket-ssl-perl libauthen-sasl-perl
      pflogsumm jq openssl bind9-dnsutils libsisimai-perl chromium iproute2 spamassassin util-linux time tmux
      amavisd-new opendkim opendkim-tools rsyslog ldnsutils nats-server postgresql
      opendmarc postfix-policyd-spf-python rspamd clamav clamav-daemon clamav-milter spamd spamass-milter
      g++ make python3)
missing=()
for p in "${need[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && { echo "system packages: all present"; exit 0; }
# Keep package scripts from starting daemons on the standard ports.
[ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
export DEBIAN_FRONTEND=noninteractive
debconf-set-selections <<'X'
postfix postfix/main_mailer_type select Local only
postfix postfix/mailname string mail.example.test
man-db man-db/auto-update boolean false
X
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
