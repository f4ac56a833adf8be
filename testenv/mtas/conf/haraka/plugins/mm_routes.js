// mm_routes: Haraka as an outbound relay for the loopback test rig (mailmedic testenv/mtas).
// - every connection relays (the clients are send_cases.py on 127.0.0.1);
// - each recipient domain goes to a fixed loopback host:port (config/mm_routes.json), like the other MTAs' static
//   routes: no MX lookup; haraka.mta.test (the bounces to the test sender) goes to Dovecot's LMTP;
// - a domain without a route (nohost.test) takes Haraka's own MX lookup, sent to fake_dns.py on loopback
//   (NXDOMAIN for every name), never to the machine's resolver.
const { HarakaMx } = require('haraka-net-utils')

exports.register = function () {
  this.routes = this.config.get('mm_routes.json', 'json') || {}
  const dnsServer = process.env.MM_DNS_SERVER
  if (dnsServer) require('haraka-net-utils/lib/dns_config').getDnsResolver().setServers([dnsServer])
}

exports.hook_connect_init = function (next, connection) {
  connection.relaying = true
  next()
}

exports.hook_get_mx = function (next, hmail, domain) {
  const r = this.routes[String(domain).toLowerCase()]
  if (!r) return next()
  next(OK, new HarakaMx({ ...r, priority: 0 }))
}
