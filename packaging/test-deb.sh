#!/usr/bin/env bash
# Builds the .deb, installs it (as root), and uses the installed `ktrdr` as a user would:
# --version, doctor, and serve answering the CLI. Removes the package at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v fakeroot >/dev/null || apt-get install -y -qq fakeroot
packaging/build-installer.sh deb
deb=$(ls target/installer/ktrdr_*_amd64.deb)
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$root/$deb"
trap 'kill "${server:-}" 2>/dev/null || true; dpkg --purge ktrdr >/dev/null' EXIT

cd /tmp
echo "== which ktrdr: $(command -v ktrdr)"
ktrdr --version
ktrdr doctor --port 8791 --db "$(mktemp -d)/doctor.db"
db=$(mktemp -d)/deb.db
STUB_WORKER_DELAY=5 AGENT_POLL_INTERVAL=0.2 ktrdr serve --port 8791 --db "$db" &
server=$!
for _ in $(seq 1 100); do
  curl -sf http://127.0.0.1:8791/api/v1/health >/dev/null && break
  sleep 0.2
done
export KTRDR_API_URL=http://127.0.0.1:8791
id=$(ktrdr agent trigger --brief "from the installed package" | awk '{print $3}')
ktrdr agent cancel "$id"
ktrdr ops get "$id" | grep -q "cancelled" && echo "== installed ktrdr serve + CLI: OK"
test -f /usr/share/applications/ktrdr-ktrdr.desktop && echo "== desktop entry installed"
