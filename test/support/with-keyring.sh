#!/bin/sh
# Runs "$@" with a real, unlocked Secret Service (gnome-keyring on a private D-Bus session)
# and HOME in a throwaway folder, so keychain tests never touch the developer's own keyring.
set -eu
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon is missing (apt-get install dbus gnome-keyring);" >&2
  if [ -n "${CI:-}" ]; then
    echo "with-keyring: CI must run the keychain tests against a real Secret Service; failing." >&2
    exit 1
  fi
  echo "with-keyring: keychain tests will report the Secret Service as unavailable and skip." >&2
  exec "$@"
fi
UNPOD_TEST_HOME="$(mktemp -d)"
export UNPOD_TEST_HOME
trap 'rm -rf "$UNPOD_TEST_HOME"' EXIT
mkdir -p "$UNPOD_TEST_HOME/run" && chmod 700 "$UNPOD_TEST_HOME/run"
HOME="$UNPOD_TEST_HOME" XDG_DATA_HOME="$UNPOD_TEST_HOME/.local/share" XDG_RUNTIME_DIR="$UNPOD_TEST_HOME/run" \
  dbus-run-session -- sh -c '
    eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
    export GNOME_KEYRING_CONTROL
    "$@"' sh "$@"
