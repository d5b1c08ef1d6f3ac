#!/usr/bin/env bash
# A throwaway SFTP server for RahatBack's tests: OpenSSH's sshd on 127.0.0.1 with its own
# host key, its own client key and its own config, all inside DIR. The system's sshd and
# its config are left alone. Logs in as the user running it (root in CI).
#
#   sftp-sshd.sh start DIR     start an instance; prints its port, user and key paths
#   sftp-sshd.sh stop DIR      stop it by its pid file
#
# Environment: SFTP_PORT (default 2222), SFTP_READ_ONLY=1 (the server refuses every write,
# for fault tests). Files: DIR/client_key (unencrypted), DIR/client_key_protected (passphrase
# in DIR/client_key_passphrase), DIR/host_key.sha256 (the host key fingerprint, base64).
set -euo pipefail

cmd=${1:-}
dir=${2:-}
port=${SFTP_PORT:-2222}
sshd_bin=$(command -v sshd || echo /usr/sbin/sshd)

usage() { echo "usage: $0 start DIR | stop DIR" >&2; exit 2; }
[ -n "$dir" ] || usage

start() {
  if [ ! -x "$sshd_bin" ]; then
    echo "sshd is not installed: run 'sudo apt-get install openssh-server openssh-client'" >&2
    exit 1
  fi
  mkdir -p "$dir"
  # sshd refuses to start without its privilege-separation folder.
  mkdir -p /run/sshd
  rm -f "$dir"/host_key* "$dir"/client_key*
  ssh-keygen -q -t ed25519 -N '' -C rahatback-test-host -f "$dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -C rahatback-test-client -f "$dir/client_key"
  local passphrase
  passphrase="rahatback-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s' "$passphrase" >"$dir/client_key_passphrase"
  ssh-keygen -q -t ed25519 -N "$passphrase" -C rahatback-test-client2 -f "$dir/client_key_protected"
  cat "$dir/client_key.pub" "$dir/client_key_protected.pub" >"$dir/authorized_keys"
  ssh-keygen -lf "$dir/host_key.pub" | awk '{print $2}' | sed 's/^SHA256://' >"$dir/host_key.sha256"

  local sftp_command='internal-sftp'
  [ "${SFTP_READ_ONLY:-0}" = 1 ] && sftp_command='internal-sftp -R'
  cat >"$dir/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $port
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
# The keys live in a temporary folder that sshd's ownership checks would reject.
StrictModes no
PermitRootLogin yes
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM no
Subsystem sftp $sftp_command
ForceCommand $sftp_command
AllowTcpForwarding no
X11Forwarding no
LogLevel ERROR
CONF
  "$sshd_bin" -f "$dir/sshd_config" -E "$dir/sshd.log"
  for _ in $(seq 50); do [ -s "$dir/sshd.pid" ] && break; sleep 0.1; done
  echo "host=127.0.0.1 port=$port user=$(id -un) key=$dir/client_key"
}

stop() {
  [ -f "$dir/sshd.pid" ] || return 0
  local pid
  pid=$(cat "$dir/sshd.pid")
  # Only signal the sshd started with this folder's config: a stale pid may have been reused.
  if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/sshd_config"; then
    rm -f "$dir/sshd.pid"
    return 0
  fi
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$dir/sshd.pid"
}

case $cmd in
start) start ;;
stop) stop ;;
*) usage ;;
esac
