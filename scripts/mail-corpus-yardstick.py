#!/usr/bin/env python3
"""The mail yardstick of issue 10: every message of two public corpora through
`baton ingest email` on stdin, one fresh store each, and the stored subject compared with
what Python's email package (policy=default) decodes, after baton's own "Re:" stripping
and length cut (EmailIntake.threadSubject). Not run by make test; the corpora come from
Debian: libpython3.11-testsuite (CPython's Lib/test/test_email/data) and
golang-github-jhillyerd-enmime-dev (enmime's testdata).

    python3 scripts/mail-corpus-yardstick.py [path/to/baton] [-v]
"""
import email
import email.policy
import glob
import json
import os
import subprocess
import sys
import tempfile

BATON = next((a for a in sys.argv[1:] if not a.startswith("-")), ".build/debug/baton")
VERBOSE = "-v" in sys.argv
CORPORA = {
    "cpython": sorted(glob.glob("/usr/lib/python3.11/test/test_email/data/msg_*.txt")),
    "enmime": sorted(p for p in glob.glob("/usr/share/gocode/src/github.com/jhillyerd/enmime/**/testdata/**/*", recursive=True)
                     if os.path.isfile(p) and p.endswith((".raw", ".eml", ".txt"))),
}
PREFIXES = ["re:", "fwd:", "fw:", "aw:", "wg:", "sv:", "vs:", "tr:", "rif:"]
CONFIG = """store = "store.sqlite"
[[tier]]
id = "standard"
first_response = "1h"
[[engineer]]
id = "ana"
region = "europe"
[[region]]
id = "europe"
tz = "Europe/Berlin"
takes_point = "07:00"
days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
roster = ["ana"]
"""


def thread_subject(subject):
    """EmailIntake.threadSubject, in Python."""
    text = subject.strip(" ")
    changed = True
    while changed:
        changed = False
        head = text[:4].lower()
        for prefix in PREFIXES:
            if head.startswith(prefix):
                text = text[len(prefix):].lstrip(" \t")
                changed = True
                break
    text = text.replace("\n", " ")
    return "(no subject)" if not text else text[:200]


def python_subject(raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    subject = message["subject"]
    return thread_subject(str(subject) if subject is not None else "")


def main():
    totals = {"messages": 0, "exit_ok": 0, "quarantined": 0, "stored": 0, "match": 0, "bad_exit": 0}
    misses = []
    for corpus, files in CORPORA.items():
        for path in files:
            raw = open(path, "rb").read()
            totals["messages"] += 1
            with tempfile.TemporaryDirectory() as folder:
                config = os.path.join(folder, "baton.toml")
                open(config, "w").write(CONFIG)
                run = subprocess.run([BATON, "ingest", "email", "--config", config], input=raw, capture_output=True,
                                     env=dict(os.environ, BATON_NOW="2026-11-23T14:00:00Z"))
                if run.returncode in (0, 65):
                    totals["exit_ok"] += 1
                else:
                    totals["bad_exit"] += 1
                    misses.append((corpus, path, "exit %d: %s" % (run.returncode, run.stderr.decode(errors="replace")[-300:])))
                    continue
                listing = subprocess.run([BATON, "conv", "list", "--all", "--json", "--config", config], capture_output=True)
                rows = json.loads(listing.stdout or b"[]")
                if not rows:
                    if b"quarantine" in run.stderr:
                        totals["quarantined"] += 1
                    misses.append((corpus, path, "nothing stored: " + run.stderr.decode(errors="replace").strip()[-300:]))
                    continue
                totals["stored"] += 1
                stored = rows[0]["subject"]
                try:
                    expected = python_subject(raw)
                except Exception as error:  # Python cannot read it either: count as a match of nothing.
                    expected = "<python: %s>" % error
                if stored.strip() == expected.strip():
                    totals["match"] += 1
                else:
                    misses.append((corpus, path, "subject %r, Python %r" % (stored, expected)))
    compared = totals["messages"]
    print("messages %(messages)d, exit 0/65 %(exit_ok)d, other exit %(bad_exit)d, quarantined %(quarantined)d, "
          "stored %(stored)d, subjects matching Python %(match)d" % totals)
    print("subject match: %.1f%% of all messages" % (100.0 * totals["match"] / max(compared, 1)))
    if VERBOSE:
        for corpus, path, why in misses:
            print("  %s %s: %s" % (corpus, os.path.basename(path), why))
    return 0


if __name__ == "__main__":
    sys.exit(main())
