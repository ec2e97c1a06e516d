"""``factsheet watch``: one warm process that builds, then rebuilds what each save affects.

The build is the ordinary incremental build (:func:`.build.build`, through the command line's
``build``), run in this process again and again: ReportLab, the fonts and the layout stay
loaded, and the fingerprints decide which outputs a save touched (a catalog edit rebuilds that
language's PDFs, web pages and the shelf; nothing else).

* Changes are heard by ``watchfiles`` (the operating system's notifications: inotify, FSEvents,
  ReadDirectoryChangesW) in a thread of its own, so a save is heard while a build runs.
* Saves within :data:`COALESCE_MS` of each other are one change (editors write a file by
  rename, some twice, and "save all" writes several).
* A save during a rebuild ends it after the output in flight lands (``BuildOptions.stop``);
  the next rebuild starts at once and builds what is left as well as what the save touched.
* The output folder's lock is taken by each rebuild and released after it, so a ``factsheet
  build`` from another terminal still works between rebuilds.
* Bad input is reported at its file and line like a build reports it; the last good outputs
  stay (the build's stale rule), and the watch goes on.
* The output folder (and every hidden, editor-backup and cache file) is not watched: the
  build's own writes never trigger a build.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path

COALESCE_MS = 200
"""Saves closer together than this are one change."""

LONGEST_WAIT_MS = 2000
"""A burst of saves longer than this is built in parts rather than waited out."""


def _filter(ignore: tuple[Path, ...]):
    import watchfiles

    class Inputs(watchfiles.DefaultFilter):
        """What the workspace's authors edit: not the outputs, not hidden or backup files."""

        def __call__(self, change, path: str) -> bool:
            name = Path(path).name
            return (super().__call__(change, path) and not name.startswith(".")
                    and not name.endswith((".tmp", ".part")) and name != "4913")

    return Inputs(ignore_paths=tuple(str(p.resolve()) for p in ignore))


def watch(build: Callable[[Callable[[], bool]], int], root: Path, ignore: tuple[Path, ...],
          err, stop_event: threading.Event | None = None) -> int:
    """Build once, then after every change under ``root`` (outside ``ignore``) until
    ``stop_event`` is set or Ctrl-C. ``build(stop)`` runs one build that ends early once
    ``stop()`` is true. Returns 130 on Ctrl-C (through the caller's handler), else 0."""
    import watchfiles

    changes: queue.Queue[set[str]] = queue.Queue()
    done = stop_event or threading.Event()
    shown, root = Path(root), Path(root).resolve()

    def listen() -> None:
        for batch in watchfiles.watch(root, watch_filter=_filter(ignore), step=COALESCE_MS,
                                      debounce=LONGEST_WAIT_MS, stop_event=done,
                                      raise_interrupt=False, rust_timeout=500,
                                      yield_on_timeout=False):
            changes.put({path for _, path in batch})

    listener = threading.Thread(target=listen, name="factsheet-watch", daemon=True)
    listener.start()
    try:
        build(lambda: not changes.empty())
        print(f"factsheet: watching {shown} for changes (Ctrl-C to stop)", file=err, flush=True)
        while not done.is_set():
            try:
                paths = changes.get(timeout=0.2)
            except queue.Empty:
                continue
            while not changes.empty():
                paths |= changes.get_nowait()
            print(f"factsheet: changed: {_names(paths, root)}; building", file=err, flush=True)
            build(lambda: not changes.empty())
            print("factsheet: watching", file=err, flush=True)
    finally:
        done.set()
        listener.join(timeout=2)
    return 0


def _names(paths: set[str], root: Path) -> str:
    """The files a change touched, relative to the workspace; an editor's temporary files
    (written, then renamed over the file) are left out once they are gone."""
    kept = {p for p in paths if Path(p).exists()} or paths
    rel = []
    for p in sorted(kept):
        try:
            rel.append(str(Path(p).relative_to(root)))
        except ValueError:
            rel.append(p)
    more = f" and {len(rel) - 3} more" if len(rel) > 3 else ""
    return ", ".join(rel[:3]) + more
