"""What the shelf says about a sheet in a language: its title and the language's names.

Titles come from the library (the catalog's title when translated, else the English one:
:func:`factsheet_pdf.library.title_in`), names from CLDR (Babel), each looked up once. A sheet
no longer in the workspace is shown by its id; a tag CLDR does not know by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import markup
from ..tags import SOURCE_LANG
from .rows import Names, Sheet, group

if TYPE_CHECKING:
    from ..library import Library
    from ..workspace import Workspace


class Facts:
    def __init__(self, ws: Workspace, lib: Library):
        self.ws, self.lib = ws, lib
        self._names: dict[str, Names] = {}
        self._titles: dict[tuple[str, str], tuple[str, str]] = {}

    def names(self, tag: str) -> Names:
        if tag not in self._names:
            from ..errors import FactsheetError
            from ..languages import language

            try:
                lang = language(tag)
                self._names[tag] = Names(tag, lang.native, lang.english, lang.direction)
            except FactsheetError:
                self._names[tag] = Names(tag, tag, tag)
        return self._names[tag]

    def title(self, sid: str, tag: str) -> tuple[str, str]:
        key = (sid, tag)
        if key not in self._titles:
            sheet = self.lib.sheets.get(sid)
            if sheet is None:
                self._titles[key] = (sid, SOURCE_LANG)
            else:
                from ..library import title_in

                unit = title_in(self.ws, sheet, tag)
                self._titles[key] = (markup.plain_text(unit.text), unit.lang or SOURCE_LANG)
        return self._titles[key]

    def revised(self, sid: str) -> str | None:
        sheet = self.lib.sheets.get(sid)
        return sheet.revised if sheet is not None else None

    def group(self, entries: list[dict]) -> list[Sheet]:
        return group(entries, names=self.names, title=self.title, revised=self.revised)
