"""Line breaking as GNU gettext does it: Unicode UAX #14 break opportunities and display width.

Input: a string (already escaped the way it is written into a PO file). Output: the indices
where ``msgcat`` (width 79) starts a new line. GNU gettext calls libunistring's
``ulc_width_linebreaks``; this module follows libunistring 1.0's algorithm (the UAX #14 pair
table with libunistring's tweaks, e.g. a break is allowed between "." and a letter) with the
Line_Break classes derived from Python's :mod:`unicodedata` plus a table of the punctuation
classes, and the East-Asian display width (CJK characters count 2 columns).

The classes are not the full LineBreak.txt: letters, digits, marks and ideographs come from
the general category and East-Asian width; punctuation and symbols from :data:`_EXPLICIT`.
``tests/test_pofile.py`` checks the result against ``msgcat`` on every shipped catalog and on
random text in the scripts we ship. Measured against libunistring 1.0 itself (every assigned BMP
code point between pairs of letters, ideographs, digits, brackets, dashes and quotes), fewer than
300 code points break differently: emoji-like symbols, halfwidth Hangul and a few format and
historic punctuation characters, none in the scripts of the shipped languages.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

PROHIBITED, POSSIBLE, MANDATORY, UNDEFINED = 0, 1, 2, 3

_ORDER = ["WJ", "GL", "B2", "BA", "BB", "HY", "CL", "CP1", "CP2", "EX", "IN", "NS", "OP1", "OP2", "QU", "IS", "NU", "PO", "PR", "SY", "AL", "H2", "H3", "ID1", "ID2", "JL", "JV", "JT", "HL", "RI", "ZWJ", "EB", "EM"]
_IDX = {c: i for i, c in enumerate(_ORDER)}
# Pair table (libunistring 1.0, UAX #14 with its tweaks): row = class before the break (last
# non-space), column = class after it. D direct break, I break only after spaces, P never.
# CP1/OP1 are parentheses that are not East-Asian wide, CP2/OP2 those that are.
_ROWS = """
WJ   PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII
GL   PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII
B2   PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
BA   PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
BB   PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII
HY   PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD
CL   PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD
CP1  PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD
CP2  PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD
EX   PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
IN   PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
NS   PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
OP1  PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP
OP2  PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP
QU   PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII
IS   PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD
NU   PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD
PO   PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD
PR   PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII
SY   PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD
AL   PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD
H2   PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD
H3   PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD
ID1  PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD
ID2  PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI
JL   PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD
JV   PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD
JT   PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD
HL   PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD
RI   PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
ZWJ  PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII
EB   PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI
EM   PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD
"""
_TABLE = {}
for _line in _ROWS.split("\n"):
    if _line.strip():
        _name, _cells = _line.split()
        _TABLE[_name] = _cells
        assert len(_cells) == len(_ORDER), _name


def _ranges(spec: str) -> dict[int, str]:
    out = {}
    for item in spec.split():
        cls, _, cps = item.partition("=")
        for cp in cps.split(","):
            lo, _, hi = cp.partition("-")
            for c in range(int(lo, 16), int(hi or lo, 16) + 1):
                out[c] = cls
    return out


# Line_Break classes of punctuation and symbols (Unicode LineBreak.txt), where the general
# category does not tell.
_EXPLICIT = _ranges("""
CM=200C,200E-200F,202A-202E,2066-206F
BK=000B-000C,2028-2029 CR=000D LF=000A NL=0085 SP=0020 ZW=200B ZWJ=200D WJ=2060,FEFF
GL=00A0,034F,035C-0362,0F08,0F0C,0F12,0FD9-0FDA,180E,2007,2011,202F
BA=0009,007C,00AD,058A,05BE,0964-0965,0E5A-0E5B,0F0B,0F34,0F7F-0F85,0FBE-0FBF,0FD2,104A-104B,1361,1400,1680,16EB-16ED,1735-1736,17D4-17D5,17D8,17DA,1804-1805,1B5A-1B5B,1B5D-1B60,1C3B-1C3F,1C7E-1C7F,2000-2006,2008-200A,2010,2012-2013,2027,2056,2058-205B,205D-205F,2CFA-2CFC,2CFF,2D70,2E0E-2E15,2E17,2E19,2E2A-2E2D,2E30-2E31,2E33-2E34,2E3C-2E3E,2E40-2E41,2E43-2E4A,2E4C,2E4E-2E4F,3000,A4FE-A4FF,A60D,A60F,A6F3-A6F7,A8CE-A8CF,A92E-A92F,A9C7-A9C9,AA5D-AA5F,AAF0-AAF1,ABEB
B2=2014,2E3A-2E3B
BB=00B4,02C8,02CC,02DF,0C77,0C84,0F01-0F04,0F06-0F07,0F09-0F0A,0FD0-0FD1,0FD3,1806,1FFD,A874-A875
HY=002D
CB=FFFC
CL=007D,0F3B,0F3D,169C,2046,207E,208E,2309,230B,232A,2769,276B,276D,276F,2771,2773,2775,27C6,27E7,27E9,27EB,27ED,27EF,2984,2986,2988,298A,298C,298E,2990,2992,2994,2996,2998,29D9,29DB,29FD,2E23,2E25,2E27,2E29,3001-3002,3009,300B,300D,300F,3011,3015,3017,3019,301B,301E-301F,FD3E,FE11-FE12,FE18,FE36,FE38,FE3A,FE3C,FE3E,FE40,FE42,FE44,FE48,FE50,FE52,FE5A,FE5C,FE5E,FF09,FF0C,FF0E,FF3D,FF5D,FF60-FF61,FF63-FF64
CP=0029,005D
EX=0021,003F,05C6,061B,061D-061F,06D4,07F9,0F0D-0F11,0F14,1802-1803,1808-1809,1944-1945,2762-2763,2CF9,2CFE,2E2E,A60E,A876-A877,FE15-FE16,FE56-FE57,FF01,FF1F
IN=2024-2026,22EF,FE19
IS=002C,002E,003A-003B,037E,0589,060C-060D,07F8,2044,FE10,FE13-FE14
NS=17D6,203C-203D,2047-2049,3005,301C,303B-303C,309B-309E,30A0,30FB,30FD-30FE,A015,FE54-FE55,FF1A-FF1B,FF65,FF9E-FF9F,3041,3043,3045,3047,3049,3063,3083,3085,3087,308E,3095-3096,30A1,30A3,30A5,30A7,30A9,30C3,30E3,30E5,30E7,30EE,30F5-30F6,30FC,31F0-31FF,FF67-FF70
OP=0028,005B,007B,00A1,00BF,0F3A,0F3C,169B,201A,201E,2045,207D,208D,2308,230A,2329,2768,276A,276C,276E,2770,2772,2774,27C5,27E6,27E8,27EA,27EC,27EE,2983,2985,2987,2989,298B,298D,298F,2991,2993,2995,2997,29D8,29DA,29FC,2E18,2E22,2E24,2E26,2E28,2E42,3008,300A,300C,300E,3010,3014,3016,3018,301A,301D,FD3F,FE17,FE35,FE37,FE39,FE3B,FE3D,FE3F,FE41,FE43,FE47,FE59,FE5B,FE5D,FF08,FF3B,FF5B,FF5F,FF62
PO=0025,00A2,00B0,0609-060B,066A,09F2-09F3,09F9,0D79,2030-2037,20A7,20B6,20BB,20BE,2103,2109,A838,FDFC,FE6A,FF05,FFE0
PR=0024,002B,005C,00A3-00A5,00B1,058F,07FE-07FF,09FB,0AF1,0BF9,0E3F,17DB,20A0-20A6,20A8-20B5,20B7-20BA,20BC-20BD,20BF-20CF,2116,2212-2213,FE69,FF04,FFE1,FFE5-FFE6
QU=0022,0027,00AB,00BB,2018-2019,201B-201D,201F,2039-203A,275B-2760,2E00-2E0D,2E1C-2E1D,2E20-2E21
SY=002F
AI=00A7-00A8,00AA,00B2-00B3,00B6-00BA,00BC-00BE,00D7,00F7,02C7,02C9-02CB,02CD,02D0,02D8-02DB,02DD,2015-2016,2020-2021,2023,203B,2074,207F,2081-2084,2105,2113,2121-2122,212B,2154-2155,215B,215E,2160-216B,2170-2179,2189,2190-2199,21D2,21D4,2200,2202-2203,2207-2208,220B,220F,2211,2215,221A,221D-2220,2223,2225,2227-222C,222E,2234-2237,223C-223D,2248,224C,2252,2260-2261,2264-2267,226A-226B,226E-226F,2282-2283,2286-2287,2295,2299,22A5,22BF,2312,2460-24FE,2500-254B,2550-2574,2580-258F,2592-2595,25A0-25A1,25A3-25A9,25B2-25B3,25B6-25B7,25BC-25BD,25C0-25C1,25C6-25C8,25CB,25CE-25D1,25E2-25E5,25EF,2605-2606,2609,260E-260F,2616-2617,2640,2642,2660-2661,2663-2665,2667-266A,266C-266D,266F,269E-269F,26BE-26BF,26C4-26CD,26CF-26E1,26E3,26E8-26FF,2757,2776-2793,2B55-2B59,3248-324F,FFFD
ID=2E80-2FFF,3003-3004,3006-3007,3012-3013,3020-3029,3030-303A,303D-303F,3042,3044,3046,3048,304A-3062,3064-3082,3084,3086,3088-308D,308F-3094,309F,30A2,30A4,30A6,30A8,30AA-30C2,30C4-30E2,30E4,30E6,30E8-30ED,30EF-30F4,30F7-30FA,30FF,FF66,FF71-FF9D,3105-31E3,3200-4DBF,4E00-A014,A016-A48C,A490-A4C6,F900-FAFF,FE30-FE34,FE45-FE46,FE49-FE4F,FE51,FE58,FE5F-FE66,FE68,FE6B,FF02-FF03,FF06-FF07,FF0A-FF0B,FF0D,FF0F-FF19,FF1C-FF1E,FF20-FF3A,FF3C,FF3E-FF5A,FF5C,FF5E,FFE2-FFE4
""")


# Scripts that need dictionary line breaking (class SA); libunistring treats them as letters.
_SA = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x1950, 0x19DF), (0x1A20, 0x1AAF),
       (0xA9E0, 0xA9FF), (0xAA60, 0xAADF), (0x11700, 0x1174F))


@lru_cache(maxsize=4096)
def line_break_class(ch: str) -> str:
    """The resolved Line_Break class of one character (AI, SA, XX -> AL; CB -> ID)."""
    cp = ord(ch)
    cls = _EXPLICIT.get(cp)
    if cls is None:
        cat = unicodedata.category(ch)
        if 0xAC00 <= cp <= 0xD7A3:
            cls = "H2" if (cp - 0xAC00) % 28 == 0 else "H3"
        elif 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97C:
            cls = "JL"
        elif 0x1160 <= cp <= 0x11A7 or 0xD7B0 <= cp <= 0xD7C6:
            cls = "JV"
        elif 0x11A8 <= cp <= 0x11FF or 0xD7CB <= cp <= 0xD7FB:
            cls = "JT"
        elif any(lo <= cp <= hi for lo, hi in _SA) and cat != "Nd":
            cls = "SA"
        elif 0x1F1E6 <= cp <= 0x1F1FF:
            cls = "RI"
        elif cat in ("Mn", "Mc", "Me") or cat == "Cc":
            cls = "CM"
        elif cat == "Nd" and unicodedata.east_asian_width(ch) not in ("W", "F"):
            cls = "NU"
        elif 0x05D0 <= cp <= 0x05F2 or 0xFB1D <= cp <= 0xFB4F:
            cls = "HL"
        elif (0x20000 <= cp <= 0x3FFFD or 0x1F000 <= cp <= 0x1FAFF
              or unicodedata.east_asian_width(ch) in ("W", "F")):
            cls = "ID"
        else:
            cls = "AL"
    if cls in ("AI", "SA", "XX"):
        return "AL"
    if cls in ("CB", "ID"):
        return "ID1"
    if cls in ("OP", "CP"):
        return cls + ("2" if unicodedata.east_asian_width(ch) in ("F", "W", "H") else "1")
    if cls == "NL":
        return "BK"
    return cls


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Display columns of a character as libunistring's ``uc_width`` (UTF-8, non-CJK locale)."""
    cp = ord(ch)
    if cp < 0x20 or 0x7F <= cp < 0xA0:
        return 0 if cp == 0 else -1
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf") or 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF:
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def possible_breaks(text: str) -> list[int]:
    """UAX #14 break opportunities: ``out[i]`` says whether a line may start at ``text[i]``."""
    out = [PROHIBITED] * len(text)
    prev = last = "BK"
    seen_space = False
    ri_count = 0
    for i, ch in enumerate(text):
        cls = line_break_class(ch)
        if cls in ("BK", "LF", "CR"):
            out[i] = MANDATORY
            prev, last, seen_space = cls, "BK", False
        else:
            if cls == "SP":
                seen_space = True
            elif cls == "ZW":
                last, seen_space = "ZW", False
            elif cls in ("CM", "ZWJ"):
                if last == "BK":
                    last, seen_space = "AL", False
                elif last == "ZW" or seen_space:
                    out[i] = POSSIBLE
                    last, seen_space = "AL", False
            else:
                if last == "BK":
                    pass
                elif last == "ZW":
                    out[i] = POSSIBLE
                elif prev == "ZWJ" or prev == "HL_BA":
                    pass
                elif last == "RI" and cls == "RI":
                    out[i] = POSSIBLE if seen_space or ri_count % 2 == 0 else PROHIBITED
                else:
                    rule = _TABLE[last][_IDX[cls]]
                    if rule == "D" or (rule == "I" and seen_space):
                        out[i] = POSSIBLE
                last, seen_space = cls, False
            prev = "HL_BA" if prev == "HL" and cls in ("HY", "BA") else cls
        ri_count = ri_count + 1 if cls == "RI" else 0
    return out


def width_breaks(text: str, width: int, start_column: int,
                 overrides: list[int] | None = None) -> list[int]:
    """Indices where a line must start so that no line is wider than ``width`` columns.

    The first line starts at ``start_column``; ``overrides[i]`` (when not UNDEFINED) replaces
    the break opportunity before ``text[i]``. A piece of text wider than the line stays whole.
    """
    p = possible_breaks(text)
    chosen: set[int] = set()
    last_p = None
    last_column = start_column
    piece = 0
    for i, ch in enumerate(text):
        if overrides is not None and overrides[i] != UNDEFINED:
            p[i] = overrides[i]
        if p[i] in (POSSIBLE, MANDATORY) and last_p is not None and last_column + piece > width:
            chosen.add(last_p)
            last_column = 0
        if p[i] == MANDATORY:
            last_p, last_column, piece = None, 0, 0
        else:
            if p[i] == POSSIBLE:
                last_p = i
                last_column += piece
                piece = 0
            w = char_width(ch)
            if w >= 0:
                piece += w
    if last_p is not None and last_column + piece > width:
        chosen.add(last_p)
    return sorted(chosen)
