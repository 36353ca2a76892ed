#!/usr/bin/env bash
# Builds a native app image and an installer with jpackage (JDK 17+).
#
#   packaging/build-installer.sh            # Linux: target/installer/ktrdr_<version>_amd64.deb
#   packaging/build-installer.sh app-image  # only the app image: target/installer/ktrdr/
#
# The same jpackage arguments (packaging/jpackage.args) build the other platforms' installers
# on those platforms, with their own icon and type:
#   macOS:   jpackage @packaging/jpackage.args --type dmg --icon assets/icons/ktrdr.icns \
#              --mac-package-identifier dev.ktrdr.console
#            (make ktrdr.icns from assets/icons/ktrdr-1024.png with `iconutil` or `png2icns`)
#   Windows: jpackage @packaging/jpackage.args --type msi --icon assets/icons/ktrdr.ico \
#              --win-menu --win-shortcut --win-console --win-dir-chooser
#            (WiX 3 must be on the PATH)
#
# Linux needs dpkg-deb and fakeroot (apt-get install -y fakeroot).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
type=${1:-deb}

version=$(sed -n 's/^version=//p' target/classes/ktrdr-version.properties 2>/dev/null || true)
if [ ! -f target/ktrdr.jar ] || [ -z "$version" ]; then
  mvn -B -q -DskipTests package
  version=$(sed -n 's/^version=//p' target/classes/ktrdr-version.properties)
fi

staging=target/jpackage-input
out=target/installer
rm -rf "$staging" "$out"
mkdir -p "$staging" "$out"
cp target/ktrdr.jar "$staging/"

args=(@packaging/jpackage.args --input "$staging" --dest "$out" --app-version "$version")
if [ "$type" = "app-image" ]; then
  jpackage "${args[@]}" --type app-image --icon assets/icons/ktrdr-256.png
else
  jpackage "${args[@]}" --type deb --icon assets/icons/ktrdr-256.png \
    --resource-dir packaging/linux \
    --linux-package-name ktrdr --linux-shortcut --linux-menu-group "Office;Finance" \
    --linux-app-category misc --install-dir /opt
fi
ls -l "$out"
