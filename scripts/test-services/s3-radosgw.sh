#!/usr/bin/env bash
# A throwaway S3-compatible server for RahatBack's tests: a one-node Ceph cluster (one
# monitor, one OSD that keeps its objects in RAM) with the radosgw S3 gateway in front,
# all bound to 127.0.0.1. Debian ships no MinIO; radosgw is its S3 server. Nothing is
# written outside DIR, and everything is gone once it stops.
#
#   s3-radosgw.sh install              install the Debian packages it needs (needs root)
#   s3-radosgw.sh start DIR            start a fresh instance in DIR (about 15 s)
#   s3-radosgw.sh stop DIR             stop every daemon of that instance (by its pid files)
#   s3-radosgw.sh gateway-stop DIR     stop only the S3 gateway: objects stay in the OSD
#   s3-radosgw.sh gateway-start DIR    start the gateway again on the same port
#
# Environment: RGW_PORT (S3 port, default 7480), RGW_MON_PORT (monitor, default 3300),
# RGW_MEMORY_BYTES (RAM the OSD may fill, default 2 GiB), RGW_ACCESS_KEY, RGW_SECRET_KEY.
# Distinct ports let a second instance run beside the first.
# Clients: endpoint http://127.0.0.1:$RGW_PORT, path-style addressing, region us-east-1.
set -euo pipefail

readonly PACKAGES=(ceph-mon ceph-osd radosgw ceph-common uuid-runtime curl)
cmd=${1:-}
dir=${2:-}
port=${RGW_PORT:-7480}
mon_port=${RGW_MON_PORT:-3300}
access_key=${RGW_ACCESS_KEY:-RAHATBACKTESTKEY}
secret_key=${RGW_SECRET_KEY:-rahatback-test-secret-0123456789}

usage() {
  echo "usage: $0 install | start DIR | stop DIR | gateway-stop DIR | gateway-start DIR" >&2
  exit 2
}

need_dir() { [ -n "$dir" ] || usage; }

stop_pidfile() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  # A stale pid file may name a recycled pid (pid_max is 32768 here): only signal a process
  # whose command line names this instance's folder, never an unrelated one.
  if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/"; then
    rm -f "$file"
    return 0
  fi
  kill "$pid" 2>/dev/null || true
  # Wait so that a restart on the same port does not race the old process. Data lives in
  # RAM only, so a daemon slow to exit is simply killed.
  for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$file"
}

wait_for_gateway() {
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
    sleep 0.3
  done
  echo "radosgw did not answer on 127.0.0.1:$port; see $dir/log/client.rgw.a.log" >&2
  exit 1
}

write_config() {
  cat >"$dir/ceph.conf" <<CONF
[global]
fsid = $1
mon host = v2:127.0.0.1:$mon_port
public addr = 127.0.0.1
ms bind ipv4 = true
ms bind ipv6 = false
auth cluster required = none
auth service required = none
auth client required = none
auth allow insecure global id reclaim = true
osd pool default size = 1
osd pool default min size = 1
osd pool default pg autoscale mode = off
osd pool default pg num = 8
osd pool default pgp num = 8
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
osd crush chooseleaf type = 0
run dir = $dir/run
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
pid file = $dir/run/\$name.pid
mon data = $dir/\$name
osd data = $dir/\$name
osd objectstore = memstore
memstore device bytes = ${RGW_MEMORY_BYTES:-2147483648}
osd max object size = 134217728
[client.rgw.a]
# Without this radosgw loops on "get_initial_auth_request returned -13".
ms mon client mode = crc secure
rgw frontends = beast endpoint=127.0.0.1:$port
rgw data = $dir/rgw
rgw dns name = localhost
rgw enable usage log = false
# Deleted objects are reclaimed by a garbage collector, by default hours later; the OSD keeps
# them in RAM until then, and a full OSD makes radosgw hang writes rather than refuse them.
rgw gc obj min wait = 0
rgw gc processor period = 10
CONF
}

start() {
  if ! command -v radosgw >/dev/null; then
    echo "radosgw is not installed: run 'sudo $0 install' (Debian packages: ${PACKAGES[*]})" >&2
    exit 1
  fi
  # Only what an earlier start left is removed; other files in DIR stay.
  rm -rf "$dir"/{run,log,mon.a,osd.0,rgw,ceph.conf,monmap,port}
  mkdir -p "$dir"/{run,log,mon.a,osd.0,rgw}
  local fsid conf osd_id
  fsid=$(uuidgen)
  write_config "$fsid"
  echo "$port" >"$dir/port"
  conf=(--conf "$dir/ceph.conf")
  monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_port]" "$dir/monmap" >/dev/null
  ceph-mon "${conf[@]}" --mkfs -i a --monmap "$dir/monmap"
  ceph-mon "${conf[@]}" -i a
  ceph "${conf[@]}" -s --connect-timeout 20 >/dev/null
  osd_id=$(ceph "${conf[@]}" osd create)
  ceph-osd "${conf[@]}" -i "$osd_id" --mkfs 2>/dev/null
  ceph-osd "${conf[@]}" -i "$osd_id" 2>>"$dir/log/osd.stderr"
  for _ in $(seq 120); do ceph "${conf[@]}" osd stat | grep -q '1 up' && break; sleep 0.5; done
  radosgw "${conf[@]}" -n client.rgw.a
  wait_for_gateway
  radosgw-admin "${conf[@]}" user create --uid=rahatback-test --display-name=rahatback-test \
    --access-key="$access_key" --secret-key="$secret_key" >/dev/null
  echo "endpoint=http://127.0.0.1:$port access_key=$access_key region=us-east-1"
}

case $cmd in
install)
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
  ;;
start) need_dir; start ;;
stop)
  need_dir
  stop_pidfile "$dir/run/client.rgw.a.pid"
  for f in "$dir"/run/*.pid; do stop_pidfile "$f"; done
  ;;
gateway-stop) need_dir; stop_pidfile "$dir/run/client.rgw.a.pid" ;;
gateway-start)
  need_dir
  port=$(cat "$dir/port")
  radosgw --conf "$dir/ceph.conf" -n client.rgw.a
  wait_for_gateway
  ;;
*) usage ;;
esac
