#!/usr/bin/env bash
# Installs what baton needs from Debian when it is missing: the ncursesw and SQLite
# headers (for the build), zlib (ZIPFoundation reads zipped Slack exports with it) and
# tmux, zip and curl (for the end-to-end tests). As root it runs apt-get;
# otherwise it prints the exact command and fails.
set -euo pipefail

missing=()
pkg-config --exists ncursesw 2>/dev/null || missing+=(libncursesw5-dev)
pkg-config --exists sqlite3 2>/dev/null || missing+=(libsqlite3-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
# zlib for ZIPFoundation, which reads zipped Slack exports.
pkg-config --exists zlib 2>/dev/null || missing+=(zlib1g-dev)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
# zip (and its zipnote) builds zipped exports in the tests; curl posts to `baton serve` in them.
# unzip is no longer read by baton (ZIPFoundation is); kept for people unpacking exports by hand.
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
command -v zip >/dev/null 2>&1 || missing+=(zip)
command -v curl >/dev/null 2>&1 || missing+=(curl)
# The outbox's end-to-end test: msmtp (a sendmail-compatible program) hands replies to
# aiosmtpd (an SMTP server the test starts on loopback), run by Debian's own python3.
command -v msmtp >/dev/null 2>&1 || missing+=(msmtp)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
# The store's conformance suite runs on a throwaway PostgreSQL server too (issue 16).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# Terminal descriptions for xterm-256color, tmux and screen.
[ -e /usr/share/terminfo/t/tmux-256color ] || [ -e /lib/terminfo/t/tmux-256color ] || missing+=(ncurses-term)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    echo "installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "baton needs: ${missing[*]}. Run:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
