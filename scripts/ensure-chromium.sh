#!/usr/bin/env bash
# The website widget's browser test drives Debian's Chromium (test/web/webChat.browser.test.ts);
# browser downloads do not work here, so Debian's package is installed when it is missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing Debian's chromium for the browser test..."
$SUDO apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
