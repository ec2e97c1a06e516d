"""Property-based tests (hypothesis) of the inline-markup parser, the translation checks and the
YAML content loader: any text a person could type either works as literal text or gets a
located error; no input crashes or hangs.

Each property runs a few hundred examples by default and 10,000 under the ``slow`` marker
(``pytest -m slow tests/test_properties.py``). The deadline turns a hang into a failure.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet_pdf import load, markup, translate
from factsheet_pdf.errors import FactsheetError
from factsheet_pdf.model import Sheet

FAST, SLOW = 300, 10_000
DEADLINE = timedelta(seconds=5)
SPECIAL = "*[]()\\"


def both(n_fast: int = FAST):
    """The property as a default test (n_fast examples) and a slow one (10,000)."""
    def wrap(strategy_kw, body):
        common = dict(deadline=DEADLINE, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.data_too_large])

        @settings(max_examples=n_fast, **common)
        @given(**strategy_kw)
        def fast(**kw):
            body(**kw)

        @pytest.mark.slow
        @settings(max_examples=SLOW, **common)
        @given(**strategy_kw)
        def slow(**kw):
            body(**kw)

        return fast, slow
    return wrap


# -- strategies ---------------------------------------------------------------------------------

# What a person could type: any characters, with markup characters, spaces and the characters
# that trouble text handling (zero-width, combining, RTL marks, astral) made frequent.
typed_char = st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from(list(SPECIAL) + [" ", "{", "}", "\u200b", "\u00ad", "\u0301", "\u202e",
                                     "\U0001F600", "a", "1", ":", "/", "@", "+", "-"]),
)
typed_text = st.text(typed_char, max_size=60)
word = st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=8)


def escape(text: str) -> str:
    return "".join("\\" + c if c in SPECIAL else c for c in text)


literal = st.text(typed_char, min_size=1, max_size=8)
HREFS = ["https://example.org/a", "mailto:a@example.org", "tel:+15550100", "http://x.org/p?q=1",
         "https://en.wikipedia.org/wiki/HIV_(virus)"]
SHAPES = {  # kind -> (source template, signature); {t} is the escaped literal, {h} the address
    "text": ("{t}", ()),
    "bold": ("**{t}**", (("bold", ""),)),
    "italic": ("*{t}*", (("italic", ""),)),
    "link": ("[{t}]({h})", (("link", "{h}"),)),
    "bold-link": ("**x[{t}]({h})**", (("bold", ""), ("link", "{h}"))),
    "link-italic": ("[x*{t}*]({h})", (("link", "{h}"), ("italic", ""))),
    "italic-bold": ("*x**{t}**x*", (("italic", ""), ("bold", ""))),
}


@st.composite
def markup_tree(draw):
    """(source text, the plain text a reader sees, signature) of generated inline markup:
    escaped literals, bold, italic, links and their nestings; two spans are never adjacent
    (``*a**b*`` would read as bold)."""
    items = draw(st.lists(st.tuples(st.sampled_from(sorted(SHAPES)), literal,
                                    st.sampled_from(HREFS)), min_size=1, max_size=4))
    src, plain, sig = [], [], Counter()
    prev = "text"
    for kind, lit, href in items:
        if kind != "text" and prev != "text":
            src.append(" ")
            plain.append(" ")
        template, marks = SHAPES[kind]
        src.append(template.replace("{h}", href).replace("{t}", escape(lit)))
        plain.append(_plain_of(template).replace("{t}", lit))
        for k, h in marks:
            sig[(k, h.replace("{h}", href))] += 1
        prev = kind
    return "".join(src), "".join(plain), sig


def _plain_of(template: str) -> str:
    return re.sub(r"\]\(\{h\}\)|[*\[]", "", template)


# -- the inline-markup parser ----------------------------------------------------------------------

def prop_parse_or_located_error(text: str) -> None:
    try:
        spans = markup.parse(text)
    except markup.MarkupError as e:
        assert 1 <= e.column <= len(text), (e.column, len(text), e.message)
        assert e.message
        return
    plain = markup.plain(spans)
    if "](" not in text:  # no link address to leave out: every literal character is kept
        keep = Counter(c for c in text if c not in "*[]\\")
        got = Counter(c for c in plain if c not in "*[]\\")
        assert got == keep, (text, plain)


test_markup_any_text, test_markup_any_text_slow = both()(
    {"text": typed_text}, prop_parse_or_located_error)

# Long runs of markup characters: nesting must be a located error, never a RecursionError.
heavy_text = st.lists(st.tuples(st.sampled_from(list("*[]()\\ a{}") + ["**", "[a](", "*a"]),
                                st.integers(1, 1500)), max_size=5).map(
    lambda runs: "".join(c * n for c, n in runs))

test_markup_heavy_text, test_markup_heavy_text_slow = both(100)(
    {"text": heavy_text}, prop_parse_or_located_error)


def prop_round_trip(tree) -> None:
    src, plain, sig = tree
    spans = markup.parse(src)
    assert markup.plain(spans) == plain
    assert markup.signature(spans) == sig


test_markup_round_trip, test_markup_round_trip_slow = both()(
    {"tree": markup_tree()}, prop_round_trip)


# -- the translation checks ------------------------------------------------------------------------

placeholder = st.sampled_from(["{phone}", "{web}", "{title}", "{name}"])


@st.composite
def source_text(draw, with_placeholder: bool = False) -> str:
    """English as content files hold it: markup that parses, words, and placeholders, numbers,
    addresses."""
    src, _, _ = draw(markup_tree())
    extras = draw(st.lists(st.one_of(placeholder, st.sampled_from(
        ["48 weeks", "call 1-800-448-0440", "www.example.org/x", "help@example.org",
         "CD4 200"])), max_size=3))
    if with_placeholder:
        extras.insert(draw(st.integers(0, len(extras))), draw(placeholder))
    return " ".join([src, draw(word), *extras])


def prop_check_never_raises(source: str, translation: str) -> None:
    problems = translate.check_translation(source, translation)
    assert isinstance(problems, list) and all(isinstance(p, str) and p for p in problems)


test_check_any_translation, test_check_any_translation_slow = both()(
    {"source": source_text(), "translation": typed_text}, prop_check_never_raises)
test_check_heavy_translation, test_check_heavy_translation_slow = both(100)(
    {"source": st.just("Call {phone} **now**"), "translation": heavy_text},
    prop_check_never_raises)


def prop_identical_is_fine(source: str) -> None:
    assert translate.check_translation(source, source) == []


test_check_identical, test_check_identical_slow = both()(
    {"source": source_text()}, prop_identical_is_fine)


def test_identical_with_a_link_between_numbers_is_fine():
    """Found by hypothesis: the digits outside a link ("0 0 0  0") read as a phone number the
    translation 'dropped', because the translation was searched with the link's text in it."""
    prop_identical_is_fine("**0** **0** **0** [0](https://example.org/a) 0")


def prop_dropped_placeholder(source: str, data) -> None:
    found = list(re.finditer(r"\{[a-z_]+\}", source))
    m = data.draw(st.sampled_from(found))
    dropped = source[: m.start()] + source[m.end():]
    problems = translate.check_translation(source, dropped)
    assert any("placeholder" in p for p in problems), (source, dropped, problems)


test_check_dropped_placeholder, test_check_dropped_placeholder_slow = both()(
    {"source": source_text(with_placeholder=True), "data": st.data()}, prop_dropped_placeholder)


def prop_dropped_address(source: str, address: str, data) -> None:
    if address in source:
        return  # dropping one of two copies of an address is not dropping it
    where = data.draw(st.integers(0, len(source)))
    while where > 0 and source[where - 1] == "\\":
        where -= 1  # not right after an escaping backslash
    with_address = f"{source[:where]} {address} {source[where:]}"
    try:
        spans = markup.parse(with_address)
    except markup.MarkupError:
        return  # put inside a link address or split a markup token: not a source text
    if address not in translate._outside_links(spans):
        return  # inside a link's text, which a translation may reword
    problems = translate.check_translation(with_address, source)
    assert any("drops" in p or "numbers" in p for p in problems), (with_address, problems)


test_check_dropped_address, test_check_dropped_address_slow = both()(
    {"source": source_text(), "data": st.data(), "address": st.sampled_from(
        ["www.example.org/x", "https://example.org", "help@example.org", "+1 617 555 0142",
         "1-800-448-0440"])}, prop_dropped_address)


# -- the YAML content loader -----------------------------------------------------------------------

VALID = """\
sheet: prop
lang: en
title: {id: title, text: Property Sheet}
series: {id: series, text: "Series *one*"}
pages: 2
revised: "2025-03"
sections:
  - id: s
    heading: A heading
    blocks:
      - id: s.p
        paragraph: >-
          Some **bold** text with [a link](https://example.org).
      - id: s.l
        list:
          - {id: s.l.1, text: First}
          - id: s.l.2
            paragraphs: [Second, Third]
      - id: s.n
        note: {heading: Note, text: A note.}
      - id: s.x
        xref: {sheet: other}
glossary:
  id: glossary
  entries:
    - {id: term, term: Term, definition: what it means}
contact:
  id: contact
  text: Call {phone}.
  phone: 1-800-555-0100
"""

yaml_bits = st.sampled_from(
    ["\t", "\"", "'", ":", ": ", "- ", "[", "]", "{", "}", "#", "&a ", "*a", "!!binary ", "|",
     ">-", "\n", "\n  ", "\n      - ", "? ", "%YAML 1.1\n", "---\n", "...\n", "\x00", "\x1b",
     "\ufeff", "\u2028", "\x85", "**", "[x](javascript:y)", "{phone}", "~", "null", "0x1F",
     "sheet: ..", "id: s.p", "2025-13", "<<: *a"])


@st.composite
def mutated_content(draw) -> str:
    """The valid file with a few random edits: insertions (YAML syntax, control characters,
    typed text), deletions and line duplications."""
    text = VALID
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.integers(0, 3))
        i = draw(st.integers(0, len(text)))
        if op == 0:
            text = text[:i] + draw(yaml_bits) + text[i:]
        elif op == 1:
            text = text[:i] + draw(typed_text) + text[i:]
        elif op == 2:
            j = draw(st.integers(i, min(len(text), i + 40)))
            text = text[:i] + text[j:]
        else:
            lines = text.split("\n")
            k = draw(st.integers(0, len(lines) - 1))
            lines.insert(k, lines[k])
            text = "\n".join(lines)
    return text


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("props") / "prop.yaml"


def prop_load(path, text: str) -> None:
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    n_lines = text.count("\n") + 1
    try:
        sheet = load.load_sheet(path, "content/prop.yaml")
    except FactsheetError as e:
        assert e.diagnostics
        for d in e.diagnostics:
            assert d.loc is not None, str(d)
            assert d.loc.path == "content/prop.yaml", str(d)
            assert 1 <= d.loc.line <= n_lines + 1, (str(d), n_lines)
            assert d.loc.column is None or d.loc.column >= 1, str(d)
            assert "Traceback" not in d.message
        return
    assert isinstance(sheet, Sheet)
    for sec in sheet.sections:
        assert markup.has_visible_text(sec.heading.text)


def _load_tests():
    common = dict(deadline=DEADLINE, suppress_health_check=[HealthCheck.too_slow,
                                                            HealthCheck.data_too_large])

    @settings(max_examples=FAST, **common)
    @given(text=mutated_content())
    def fast(scratch, text):
        prop_load(scratch, text)

    @pytest.mark.slow
    @settings(max_examples=SLOW, **common)
    @given(text=mutated_content())
    def slow(scratch, text):
        prop_load(scratch, text)

    return fast, slow


test_load_mutated_content, test_load_mutated_content_slow = _load_tests()


def test_the_valid_base_loads(scratch):
    scratch.write_text(VALID, encoding="utf-8")
    sheet = load.load_sheet(scratch, "content/prop.yaml")
    assert sheet.id == "prop" and len(sheet.sections) == 1


def test_a_dropped_placeholder_is_named_when_it_breaks_the_markup():
    """Found by hypothesis: dropping ``{_}`` from ``**{_}**`` leaves an empty bold span; the
    check names the dropped placeholder too, not only the broken markup."""
    problems = translate.check_translation("**{_}** 0 {phone}", "**** 0 {phone}")
    assert any("empty bold span" in p for p in problems)
    assert any("placeholders differ" in p for p in problems), problems
