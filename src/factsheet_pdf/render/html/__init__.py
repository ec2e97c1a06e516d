"""The web-edition renderer: a composed document -> a web page (semantic HTML5), plus the
assets folder every page shares (a style sheet for screen and print, WOFF2 font subsets).

:func:`render_page` (:mod:`.page`) is the entry point for one page; :mod:`.assets` writes
``assets/`` for every page of an output folder. Text is escaped by one function
(:mod:`.escape`); no page carries a script.
"""

from .page import CSP, IDENTITY, render_page

__all__ = ["CSP", "IDENTITY", "render_page"]
