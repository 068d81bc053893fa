#!/usr/bin/env bash
# Vendors the built CSS of the U.S. Web Design System into sir_tracker/static/uswds, with just
# the fonts and images that the CSS references. Pages never load anything from a CDN.
# Usage: scripts/vendor-uswds.sh [VERSION]   (re-run to upgrade; commit the result)
set -euo pipefail
version=${1:-3.14.0}
root=$(cd "$(dirname "$0")/.." && pwd)
target="$root/sir_tracker/static/uswds"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "@uswds/uswds@$version" >/dev/null && tar xzf uswds-uswds-*.tgz)
dist="$work/package/dist"
rm -rf "$target"
mkdir -p "$target/css"
cp "$dist/css/uswds.min.css" "$target/css/"
# Copy every font and image file the stylesheet points at (url(../fonts/...), url(../img/...)).
grep -o 'url([^)]*)' "$dist/css/uswds.min.css" | sed -e 's/^url(//' -e 's/)$//' -e 's/["'"'"']//g' \
  | grep '^\.\./' | sed 's/[?#].*//' | sort -u | while read -r asset; do
    source="$dist/css/$asset"
    [ -f "$source" ] || continue
    destination="$target/css/$asset"
    mkdir -p "$(dirname "$destination")"
    cp "$source" "$destination"
  done
cp "$work/package/LICENSE.md" "$target/LICENSE.md"
echo "$version" > "$target/VERSION"
echo "USWDS $version vendored into ${target#"$root"/} ($(du -sh "$target" | cut -f1))"
echo "Now run .venv/bin/python scripts/trim_uswds.py: the pages load its trimmed stylesheet."
