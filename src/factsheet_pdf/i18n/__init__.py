"""The translator's workflow: gettext catalogs for content files (extract, init, update, status).

* :mod:`.extract`: content -> template messages (also a Babel extractor for ``pybabel extract``)
* :mod:`.catalogs`: reading and writing PO files, the msgctxt-keyed merge, status figures
"""
