#!/usr/bin/env bash
# Provisions (idempotently) a Debian root holding a PostgreSQL server and its packages (trixie: PostgreSQL 17 +
# TimescaleDB 2.19.3, Apache build; bookworm: PostgreSQL 15), then overlays any TSL builds found in TSL_DIR
# (pg<PG>-timescaledb-tsl-<version>.tar.xz), oldest first so the newest loader and control file win.
#   usage: provision-root.sh ROOT SUITE PG PACKAGES [TSL_DIR]
set -euo pipefail
root=$1
suite=$2
pg=$3
packages=$4
tsl_dir=${5:-}

exec 9>"$root.lock"
flock 9

if [ ! -f "$root/.backfill-base-ok" ]; then
  if ! command -v debootstrap >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  fi
  # The mirror this machine already uses; never a hard-coded host.
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  if [ -z "$mirror" ]; then
    mirror=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  fi
  if [ -z "$mirror" ]; then
    echo "no Debian mirror found in the apt configuration" >&2
    exit 3
  fi
  rm -rf "$root.tmp"
  debootstrap --variant=minbase --include="$packages" \
    "$suite" "$root.tmp" "$mirror" >"$root.debootstrap.log" 2>&1 \
    || { tail -20 "$root.debootstrap.log" >&2; exit 4; }
  rm -rf "$root"
  mv "$root.tmp" "$root"
  touch "$root/.backfill-base-ok"
fi

if [ -n "$tsl_dir" ] && [ -d "$tsl_dir" ]; then
  overlays=$(ls "$tsl_dir"/pg"$pg"-timescaledb-tsl-*.tar.xz 2>/dev/null | sort -V || true)
  wanted=$(for f in $overlays; do basename "$f"; done | tr '\n' ' ')
  have=$(cat "$root/.backfill-overlays" 2>/dev/null || true)
  if [ "$wanted" != "$have" ]; then
    for f in $overlays; do
      tar -xJf "$f" -C "$root"
    done
    echo -n "$wanted" >"$root/.backfill-overlays"
  fi
fi

mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
echo "ready: $root"
