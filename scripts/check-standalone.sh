#!/usr/bin/env bash
# Proves the repository stands on its own: clones the current commit into an empty temporary
# folder (so nothing sits beside it: no SPS RSX material, no workplace notes), installs from the
# lockfile and runs `npm run test:quick` there (type-check, the Node checks, the unit tests and the
# checks that need SPS's RSX 7.7 material). Those must each print their one "not run" line instead
# of failing. Run by .ci/run; runnable alone from a clean checkout: scripts/check-standalone.sh
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
sha=$(git rev-parse HEAD)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sps-erp-standalone.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
repo="$tmp/repo"

git clone --quiet --no-local --no-checkout "$PWD" "$repo"
git -C "$repo" checkout --quiet --detach "$sha"
echo "standalone: commit $sha in $repo (beside it: $(ls -A "$tmp" | tr '\n' ' '))"

cd "$repo"
# The material must be found nowhere: not through the environment, not beside the clone.
unset SPS_RSX_DIR
if node scripts/sps-rsx.mjs >/dev/null; then
  echo "standalone: SPS RSX material was found beside $repo; the check needs a folder with nothing beside it" >&2
  exit 1
fi
# --prefer-offline: the lockfile pins every tarball, and CI's own install has just cached them.
npm ci --no-audit --no-fund --loglevel=error --prefer-offline
installed=$(date +%s)
# CI=true would make conformance fail without the material; here its absence is the point.
CI= npm run -s test:quick 2>&1 | tee "$tmp/quick.log"
tested=$(date +%s)

# Each check that needs the material said, in one line, that it did not run and why.
missing=0
for check in "outbound RSX JSON against SPS's Invoices.json and OrderAcks.json" "conformance"; do
  line="$check: not run: SPS RSX 7.7 schemas not found: set SPS_RSX_DIR to a folder with schemas/ and samples/"
  count=$(grep -cF "$line" "$tmp/quick.log" || true)
  if [ "$count" -ne 1 ]; then
    echo "standalone: expected the line \"$line\" once, saw it $count times" >&2
    missing=1
  fi
done
[ "$missing" -eq 0 ] || exit 1
echo "standalone: passed in $((tested - started)) s (clone and npm ci $((installed - started)) s, test:quick $((tested - installed)) s)"
