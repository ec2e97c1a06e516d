"""Regenerate the package's shared strings after editing src/factsheet_pdf/data/common.yaml.

Writes data/common.pot from common.yaml and merges it into every data/locales/*/common.po (keyed
on msgctxt, like `factsheet i18n update`), in GNU gettext's own form. The `factsheet` commands
never write these package files; this is the maintainers' step:

    python tools/update_common.py
"""

from __future__ import annotations

from pathlib import Path

from factsheet_pdf import shared
from factsheet_pdf.i18n import catalogs
from factsheet_pdf.i18n.extract import Extracted

DATA = Path(__file__).resolve().parents[1] / "src" / "factsheet_pdf" / "data"


def template():
    msgs = [Extracted(u.id, u.text, "common.yaml", u.loc.line, (u.comment,) if u.comment else ())
            for u in shared.source_units()]
    pot = catalogs.make_template(shared.DOMAIN, msgs)
    pot.header = ("Shared strings of factsheet-pdf (the common domain).\n"
                  "Generated from common.yaml by tools/update_common.py; do not edit.\n")
    return pot


def main() -> None:
    pot = template()
    print(f"{DATA / 'common.pot'}: {'written' if catalogs.write(DATA / 'common.pot', pot) else 'unchanged'}")
    for po in sorted((DATA / "locales").glob("*/LC_MESSAGES/common.po")):
        res = catalogs.update(po, pot)
        print(f"{po}: {'updated' if res.changed else 'unchanged'}")


if __name__ == "__main__":
    main()
