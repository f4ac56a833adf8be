# ports.sh - sourced by setup.sh, start.sh, stop.sh and run-all.sh: every port of the instances, from PORT_BASE
# (default 40000: the recipe's 40025-40425). A second set of instances can run beside the first with another
# base, e.g. PORT_BASE=41000 (41025-41425); setup.sh refuses to start when any of them is taken.
# setup.sh records the base in ROOT/port_base, so start.sh/run-all.sh on that ROOT use the same ports
if [ -z "${PORT_BASE:-}" ] && [ -n "${ROOT:-}" ] && [ -s "${ROOT:-}/port_base" ]; then PORT_BASE=$(cat "$ROOT/port_base"); fi
PORT_BASE=${PORT_BASE:-40000}
P_REMOTE=$((PORT_BASE + 25))     # fake_remote.py: 127.0.0.1 (rules per recipient) and 127.0.0.3-6 (host profiles)
P_DEAD=$((PORT_BASE + 26))       # 127.0.0.2: nothing listens (connection refused)
P_LMTP=$((PORT_BASE + 27))       # 127.0.0.7: Dovecot's LMTP, the real final mailbox of dovecot.test
P_EXIM=$((PORT_BASE + 125))
P_OPENSMTPD=$((PORT_BASE + 225))
P_SENDMAIL=$((PORT_BASE + 325))
P_POSTFIX=$((PORT_BASE + 425))
P_HARAKA=$((PORT_BASE + 525))     # Haraka 3 (outbound relay); dma has no SMTP server (it is a sendmail(8) program)
P_DNS=$((PORT_BASE + 53))        # fake_dns.py on 127.0.0.1 (NXDOMAIN for every name): Haraka's MX lookup of nohost.test
# fake remote hosts beside 127.0.0.1 (one address each, so every MTA keeps a separate state per host):
#   127.0.0.3 refuse-greeting   127.0.0.4 reject-sender   127.0.0.5 busy   127.0.0.6 silent
FAKE_HOSTS="127.0.0.1:rules 127.0.0.3:refuse-greeting 127.0.0.4:reject-sender 127.0.0.5:busy 127.0.0.6:silent"
# all ports to check "ip:port"
ALL_LISTEN="127.0.0.1:$P_REMOTE 127.0.0.3:$P_REMOTE 127.0.0.4:$P_REMOTE 127.0.0.5:$P_REMOTE 127.0.0.6:$P_REMOTE 127.0.0.2:$P_DEAD 127.0.0.7:$P_LMTP 127.0.0.1:$P_EXIM 127.0.0.1:$P_OPENSMTPD 127.0.0.1:$P_SENDMAIL 127.0.0.1:$P_POSTFIX 127.0.0.1:$P_HARAKA"
# "sed -e" arguments that put the ports into the conf/ templates
PORT_SED=(-e "s|@P_REMOTE@|$P_REMOTE|g" -e "s|@P_DEAD@|$P_DEAD|g" -e "s|@P_LMTP@|$P_LMTP|g" -e "s|@P_EXIM@|$P_EXIM|g"
          -e "s|@P_OPENSMTPD@|$P_OPENSMTPD|g" -e "s|@P_SENDMAIL@|$P_SENDMAIL|g" -e "s|@P_POSTFIX@|$P_POSTFIX|g"
          -e "s|@P_HARAKA@|$P_HARAKA|g" -e "s|@P_DNS@|$P_DNS|g")
