"""Site profiles: a clinic's own contact details (issue 10).

``profile`` loads and validates a profile file into :class:`~.profile.SiteProfile`; ``hours``
formats its opening hours from CLDR data; ``contact`` turns a profile into a layout-neutral
description of the contact block; ``qr`` draws the web address as a QR code; ``check`` is
``factsheet site check``. Nothing here renders a page.
"""
