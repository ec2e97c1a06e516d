"""The translator's workflow: gettext catalogs for content files and the shared strings.

* :mod:`.extract`: content -> template messages (also a Babel extractor for ``pybabel extract``)
* :mod:`.pofile`: the strict PO reader (located errors) and the writer in GNU gettext's own form
* :mod:`.linebreak`: gettext's line breaking (UAX #14, East Asian width) for that writer
* :mod:`.catalogs`: templates, new catalogs, the msgctxt-keyed merge, update, status figures
* :mod:`.commands`: ``factsheet i18n extract | update | init | status | override``
"""
