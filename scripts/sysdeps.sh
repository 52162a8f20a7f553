#!/usr/bin/env bash
# Install the system packages sme-assess needs, where this machine allows it (Debian/Ubuntu
# with root or passwordless sudo); otherwise say in one message what to install. Never fails:
# the Python side still installs and runs, and `sme-assess doctor` reports what is missing.
set -u
PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0   # WeasyPrint's text layout
  libharfbuzz-subset0                # fast font subsetting for PDFs (CJK fonts are large)
  fonts-noto-cjk                     # Chinese text in reports
  fonts-dejavu-core                  # Latin text in English reports (no CJK font embedded)
  fontconfig
)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
  done
else
  echo "sme-assess: not a Debian/Ubuntu system; install Pango, HarfBuzz (with libharfbuzz-subset), a CJK font (Noto Sans CJK) and a Latin font (DejaVu Sans) with your package manager." >&2
  exit 0
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "sme-assess: missing system packages; install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 0
fi
echo "sme-assess: installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  "${SUDO[@]}" apt-get update -qq >/dev/null 2>&1
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || echo "sme-assess: could not install ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
fi
exit 0
