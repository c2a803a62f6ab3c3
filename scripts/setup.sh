#!/usr/bin/env bash
# Installs what bulkhead needs and is missing: the Debian cross toolchain, QEMU and wabt, then the
# npm dependencies. Quick and silent when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# One list for this script and `bulkhead doctor`.
mapfile -t packages < scripts/debian-packages.txt
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  install="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    echo "setup: installing ${missing[*]} with sudo"
    sudo sh -c "$install"
  else
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run this as root, then run 'npm run setup' again:" >&2
    echo "  $install" >&2
    exit 1
  fi
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "setup: ready ($(qemu-system-arm --version | head -n1 | sed 's/ (.*//'), $(arm-none-eabi-gcc --version | head -n1), wasm2c $(wasm2c --version))"
