// nsd.conf for a private NSD serving one zone from `dir` on 127.0.0.1:port, the way testenv/start.sh writes its own
// (no chroot, no user switch, no database, no remote control): for tests that edit a zone between steps.

/** The configuration text; the zone file is `<dir>/<zone>.zone`, pid and log files in `dir`. */
export function privateNsdConf(dir: string, port: number, zone: string): string {
  return `server:
  ip-address: 127.0.0.1@${port}
  port: ${port}
  do-ip6: no
  username: ""
  chroot: ""
  zonesdir: "${dir}"
  database: ""
  zonelistfile: "${dir}/zone.list"
  xfrdfile: "${dir}/xfrd.state"
  xfrdir: "${dir}"
  pidfile: "${dir}/nsd.pid"
  logfile: "${dir}/nsd.log"
  server-count: 1
  hide-version: yes
remote-control:
  control-enable: no
zone:
  name: "${zone}"
  zonefile: "${zone}.zone"
`;
}
