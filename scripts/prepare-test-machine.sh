#!/usr/bin/env bash
# Makes sure this machine has what Sandlot's tests use, the real parts: a Docker engine that
# answers, busybox-static (the test image), docker-registry + htpasswd (a private registry with
# auth), Chromium (the browser tests), and iproute2 + openssl for the second dockerd that the
# Docker-restart and remote-Docker tests start (its own bridge; TLS certificates). On Debian as
# root it installs and starts what is missing; elsewhere it says what to install. Idempotent:
# quick when all is there.
set -euo pipefail

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v iptables >/dev/null 2>&1 || missing+=(iptables)
[ -x /bin/busybox ] || missing+=(busybox-static)
[ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

if [ ${#missing[@]} -gt 0 ]; then
  if can_install; then
    echo "prepare: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "prepare: missing ${missing[*]}; install them (Debian: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

docker_answers() { docker info >/dev/null 2>&1; }

if ! docker_answers; then
  if [ -n "${DOCKER_HOST:-}" ] || [ "$(id -u)" != 0 ]; then
    echo "prepare: Docker does not answer${DOCKER_HOST:+ at $DOCKER_HOST}; start it (sudo systemctl start docker)" >&2
    exit 1
  fi
  echo "prepare: starting dockerd"
  log=/var/log/sandlot-test-dockerd.log
  nohup dockerd >"$log" 2>&1 &
  for _ in $(seq 1 60); do
    docker_answers && break
    sleep 0.5
  done
  docker_answers || { echo "prepare: dockerd did not start; see $log" >&2; tail -20 "$log" >&2; exit 1; }
fi
echo "prepare: Docker $(docker version --format '{{.Server.Version}}') answers; test tools present"
