#!/usr/bin/env bash
# Installs the Debian packages that running and testing SIR Tracker need, if any are missing:
# PostgreSQL (the test suite's second database), and Pango with HarfBuzz subsetting for
# WeasyPrint (without libharfbuzz-subset0 it falls back to a much slower font subsetter), and
# Chromium for the browser tests (Playwright drives it; `playwright install` is never used), and
# poppler-utils (pdftoppm) to look at generated PDFs as images, and LibreOffice Calc without its
# GUI (the spreadsheet import tests convert files with `soffice --headless --convert-to xlsx`, as
# files made by a real spreadsheet program). Packages named as arguments are installed too
# (`make bench-load` adds wrk).
set -euo pipefail

packages=(postgresql libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
  chromium poppler-utils "$@")
# A machine with the full LibreOffice already has soffice: the -nogui packages would replace it.
command -v soffice >/dev/null || packages+=(libreoffice-calc-nogui)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "Missing Debian packages (${missing[*]}) and no root to install them." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
