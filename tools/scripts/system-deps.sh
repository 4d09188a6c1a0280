#!/usr/bin/env bash
# Make sure the Debian packages the reader needs are present.
#   system-deps.sh [GROUP...]   groups: pdf epub browser (default: all)
# As root, missing packages are installed with apt-get. Otherwise the exact command to run is
# printed and the script exits 3, so that callers can go on without that output.
set -euo pipefail

declare -A GROUPS_PKGS=(
  [pdf]="texlive-xetex texlive-latex-extra texlive-fonts-recommended latexmk xindy fonts-noto-core fonts-noto-cjk poppler-utils"
  [epub]="epubcheck"
  [browser]="chromium npm"
)

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(pdf epub browser)

missing=()
# A package that is wanted for its command counts as present when the command is on PATH:
# machines whose Node.js comes with its own npm cannot install Debian's npm beside it.
declare -A PKG_COMMANDS=([npm]=npm)

for group in "${groups[@]}"; do
  for pkg in ${GROUPS_PKGS[$group]:?unknown group $group}; do
    if [ -n "${PKG_COMMANDS[$pkg]:-}" ] && command -v "${PKG_COMMANDS[$pkg]}" >/dev/null; then continue; fi
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == *"install ok installed"* ]] || missing+=("$pkg")
  done
done

[ ${#missing[@]} -eq 0 ] && exit 0

command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "Missing Debian packages: ${missing[*]}" >&2
echo "Install them with:  sudo sh -c '$command'" >&2
exit 3
