#!/usr/bin/env bash
# Gradescope runs this once, from /autograder/source, when it builds the autograder image.
# chatspec needs Node.js 20.19 or newer; the image's own Node (if any) is older, so Node
# comes from NodeSource. chatspec itself comes from the npm pack tarball in the zip, so the
# grading runs the exact version the grading file names.
set -euo pipefail
node_ok() {
  command -v node >/dev/null &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number);
             process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl python3
if ! node_ok; then
  curl -fsSL https://deb.nodesource.com/setup_22.x | bash -
  apt-get install -y nodejs
fi
node_ok
npm install -g /autograder/source/chatspec-*.tgz
chatspec --version
