#!/usr/bin/env bash
# Rebuilds ../wwwroot/govuk from npm's govuk-frontend (versions pinned in package.json): the CSS
# compiled with the system font stack, the JavaScript bundle and the licence. Running the app needs
# none of this: the output is committed. Needs Node.js and the npm registry.
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-audit --no-fund --silent
out=../wwwroot/govuk
rm -rf "$out" && mkdir -p "$out"
npx sass --pkg-importer=node --style=compressed --no-source-map --quiet-deps --silence-deprecation=import main.scss "$out/govuk-frontend.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$out/"
version=$(node -p "require('govuk-frontend/package.json').version")
{
  echo "GOV.UK Frontend $version (npm govuk-frontend), built by web/Platform.Web/frontend/build.sh"
  echo "without the GDS Transport font and the GOV.UK crown, which are reserved to GOV.UK."
  echo
  echo "The MIT License (MIT)"
  echo
  echo "Copyright (c) 2018 Crown Copyright (Government Digital Service)"
  echo
  cat mit.txt # the package states "license": "MIT" and ships no licence file
} > "$out/LICENSE.txt"
grep -q "GDS Transport" "$out/govuk-frontend.min.css" && { echo "the GOV.UK font is still named in the CSS" >&2; exit 1; }
echo "built $out (govuk-frontend $version)"
