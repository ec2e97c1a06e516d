"""Run the CLI in a child process for a fault case: ``python child.py SPEC_JSON``.

SPEC: ``argv`` (the command line), ``font_dir`` (fonts from that folder), ``inject`` (an OSError to raise from an ``os`` function,
optionally only for paths containing ``when``), ``nobody`` (drop root's privileges to uid/gid
65534 after the imports: CI runs as root, which ignores permission bits). Exits with the CLI's
status. Not a test module: tests/test_cases.py starts it.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import signal
import sys

spec = json.loads(sys.argv[1])
# A terminal's Ctrl-C: a child of a non-interactive shell inherits SIGINT ignored.
signal.signal(signal.SIGINT, signal.default_int_handler)

from factsheet_pdf.cli import main  # noqa: E402

# Everything the commands import lazily, before privileges are dropped (the interpreter may
# live where 'nobody' cannot read).
for name in spec.get("preload", []) + ["factsheet_pdf.build", "factsheet_pdf.i18n.commands",
                                       "factsheet_pdf.site.check", "factsheet_pdf.workspace",
                                       "factsheet_pdf.languages", "encodings.idna"]:
    importlib.import_module(name)

if spec.get("font_dir"):  # fonts from another folder (a broken copy), as a damaged install
    from pathlib import Path

    import factsheet_pdf.fonts

    broken = Path(spec["font_dir"]).resolve()
    factsheet_pdf.fonts.shipped_font_dir = lambda: broken

inject = spec.get("inject")
if inject:
    code = getattr(errno, inject["errno"])
    real = getattr(os, inject["func"])
    when = inject.get("when")

    def failing(*args, **kw):
        path = str(args[0]) if args and isinstance(args[0], (str, bytes, os.PathLike)) else ""
        if when is None or when in path:
            raise OSError(code, os.strerror(code), path or None)
        return real(*args, **kw)

    setattr(os, inject["func"], failing)

if spec.get("nobody") and os.geteuid() == 0:
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)

sys.exit(main(spec["argv"]))
