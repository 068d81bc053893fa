"""Laid-out PDFs made into one tagged, numbered document (pikepdf), without WeasyPrint.

Sections are laid out without page numbers, so that one laid out for a packet serves the next
whatever page it starts on; the numbers ("Page 19 of 1,091") are stamped here afterwards, as
artifacts (PDF/UA-1 7.1: page furniture is not content), in the reports' footer font.

Joining keeps what makes each part accessible: every part's structure tree goes under one
StructTreeRoot (each part's Document element becomes a Part of the packet's Document), the
parent trees are renumbered into one (keys offset part by part, the pages' StructParents and
the annotations' StructParent with them), role maps and class maps are merged, and
pikepdf's ``add_pages_from`` carries outlines and named destinations.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pikepdf
from pikepdf import Array, Dictionary, Name

from sir_tracker.core.paths import resource_dir

# Where print.css put the page number before it was stamped: 9pt Source Sans Pro in #565c65,
# flush with the right margin, on the footer's first line.
FONT_SIZE = 9.0
COLOUR = b"0.337 0.361 0.396 rg"
# The contents' page numbers: print.css's .contents a (10.5pt, #1b1b1b, line height 1.35),
# on the baseline of the link's line.
CONTENTS_SIZE = 10.5
CONTENTS_COLOUR = b"0.106 0.106 0.106 rg"
CONTENTS_BASELINE = 3.4
_FONT_FILE = "fonts/sourcesanspro-regular-webfont.woff2"
_FONT_KEY = Name("/FPageNumber")
_CHARACTERS = "Page of0123456789,"
_FIRST_CHAR, _LAST_CHAR = 32, 126


@dataclass(frozen=True)
class Margins:
    """The right margin and the footer's baseline, in points, of one kind of page."""

    right: float
    baseline: float


# print.css: 0.75in right, 0.8in bottom (the footer's first line sits 17.3pt below its top);
# packet.css's landscape pages: 0.6in right, 0.7in bottom.
PORTRAIT = Margins(right=54.0, baseline=57.6 - 17.3)
LANDSCAPE = Margins(right=43.2, baseline=50.4 - 17.3)


@dataclass(frozen=True)
class _Font:
    program: bytes  # a TrueType subset holding the characters of the numbers
    widths: tuple[int, ...]  # of codes _FIRST_CHAR.._LAST_CHAR, in thousandths of the size
    ascent: int
    descent: int
    cap_height: int
    bbox: tuple[int, int, int, int]


@cache
def _font() -> _Font:
    """The footer font, cut down to the characters a page number uses (4 KB)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(resource_dir("reports") / _FONT_FILE)
    options = subset.Options(name_IDs=["*"], notdef_outline=True, layout_features=[])
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=_CHARACTERS)
    subsetter.subset(font)
    font.flavor = None  # a plain TrueType program, as FontFile2 holds
    out = io.BytesIO()
    font.save(out)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics

    def width(code: int) -> int:
        name = cmap.get(code)
        return round(metrics[name][0] * scale) if name else 0

    head, os2 = font["head"], font["OS/2"]
    return _Font(
        program=out.getvalue(),
        widths=tuple(width(code) for code in range(_FIRST_CHAR, _LAST_CHAR + 1)),
        ascent=round(os2.sTypoAscender * scale),
        descent=round(os2.sTypoDescender * scale),
        cap_height=round(getattr(os2, "sCapHeight", 650) * scale),
        bbox=(
            round(head.xMin * scale),
            round(head.yMin * scale),
            round(head.xMax * scale),
            round(head.yMax * scale),
        ),
    )


def _font_dictionary(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """The footer font as a simple TrueType font, embedded (PDF/UA-1 7.21.4.1), with a
    ToUnicode map (7.21.7) for the characters it has."""
    font = _font()
    descriptor = Dictionary(
        Type=Name.FontDescriptor,
        FontName=Name("/AAAAAA+SourceSansPro-Regular"),
        Flags=32,  # non-symbolic: WinAnsi codes
        FontBBox=Array(font.bbox),
        ItalicAngle=0,
        Ascent=font.ascent,
        Descent=font.descent,
        CapHeight=font.cap_height,
        StemV=80,
        FontFile2=pdf.make_stream(font.program),
    )
    pairs = "".join(f"<{ord(c):02X}> <{ord(c):04X}>\n" for c in sorted(set(_CHARACTERS)))
    to_unicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(set(_CHARACTERS))} beginbfchar\n{pairs}endbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.TrueType,
            BaseFont=Name("/AAAAAA+SourceSansPro-Regular"),
            FirstChar=_FIRST_CHAR,
            LastChar=_LAST_CHAR,
            Widths=Array(font.widths),
            Encoding=Name.WinAnsiEncoding,
            FontDescriptor=pdf.make_indirect(descriptor),
            ToUnicode=pdf.make_stream(to_unicode.encode()),
        )
    )


def page_number_text(number: int, total: int) -> str:
    """Like "Page 19 of 1,091": packets run past a thousand pages."""
    return f"Page {number:,} of {total:,}"


def _text_width(text: str, size: float) -> float:
    widths = _font().widths
    return sum(widths[ord(c) - _FIRST_CHAR] for c in text) * size / 1000


def _text(text: str, size: float, colour: bytes, right: float, baseline: float) -> bytes:
    """``text`` ending at ``right``, as a pagination artifact (q ... Q: nothing leaks)."""
    x = right - _text_width(text, size)
    show = f"BT\n/FPageNumber {size:g} Tf\n{x:.2f} {baseline:.2f} Td\n({text}) Tj\nET\n"
    return (
        b"/Artifact <</Type /Pagination>> BDC\nq\n" + colour + b"\n" + show.encode() + b"Q\nEMC\n"
    )


def stamp_page_numbers(pdf: pikepdf.Pdf) -> None:
    """Print "Page n of N" on every page of ``pdf``, and the page each contents entry leads
    to at the end of its line (the contents of the LEA reports and of the packet's first
    pages), as pagination artifacts."""
    font = _font_dictionary(pdf)
    before = pdf.make_stream(b"q\n")
    total = len(pdf.pages)
    index = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    dests = _named_destinations(pdf)
    for number, page in enumerate(pdf.pages, start=1):
        text = page_number_text(number, total)
        left, bottom, right, top = (float(v) for v in page.mediabox)
        margins = LANDSCAPE if right - left > top - bottom else PORTRAIT
        stamp = b"Q\n"
        for target, end, line_bottom in _contents_entries(page, dests):
            entry = f"{index[target] + 1:,}"
            stamp += _text(
                entry, CONTENTS_SIZE, CONTENTS_COLOUR, end, line_bottom + CONTENTS_BASELINE
            )
        # Last, so that the page's text ends with its number, as when WeasyPrint printed it.
        stamp += _text(text, FONT_SIZE, COLOUR, right - margins.right, bottom + margins.baseline)
        # The page's own content leaves its transformation in place (WeasyPrint flips the
        # y axis first): q ... Q around it gives the stamp the page's own coordinates.
        page.contents_add(before, prepend=True)
        page.contents_add(pdf.make_stream(stamp), prepend=False)
        if Name.Resources not in page.obj:
            page.obj.Resources = Dictionary()
        resources = page.obj.Resources
        if Name.Font not in resources:
            resources.Font = Dictionary()
        resources.Font[_FONT_KEY] = font


def _named_destinations(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    names = pdf.Root.get(Name.Names, Dictionary())
    if Name.Dests not in names:
        return {}
    found = {}
    for name, value in pikepdf.NameTree(names.Dests).items():
        found[str(name)] = value.D if isinstance(value, Dictionary) else value
    return found


def _contents_entries(
    page: pikepdf.Page, dests: dict[str, pikepdf.Object]
) -> Iterator[tuple[tuple[int, int], float, float]]:
    """The contents entries of ``page``: its links to named destinations (the reports link
    nothing else by name), each as (the target page's objgen, the right end and the bottom of
    the entry's line): WeasyPrint gives a link a box per fragment, the widest is the line's."""
    entries: dict[str, tuple[tuple[int, int], float, float]] = {}
    for annotation in page.obj.get(Name.Annots, Array()):
        name = str(annotation.get(Name.Dest, "")).lstrip("/")
        if name not in dests:
            continue
        _x0, y0, x1, y1 = (float(v) for v in annotation.Rect)
        target, right, bottom = entries.get(name, (dests[name][0].objgen, x1, min(y0, y1)))
        entries[name] = (target, max(right, x1), min(bottom, y0, y1))
    yield from entries.values()


def numbered(pdf: bytes) -> bytes:
    """A laid-out report with its page numbers stamped."""
    with pikepdf.Pdf.open(io.BytesIO(pdf)) as document:
        stamp_page_numbers(document)
        out = io.BytesIO()
        # The same report stamped again is the same bytes (a random /ID would make the
        # archive's "nothing changed, here it is" download differ from the first).
        document.save(out, deterministic_id=True)
    return out.getvalue()


def _number_tree(tree: pikepdf.Object) -> Iterator[tuple[int, pikepdf.Object]]:
    """The (key, value) pairs of a number tree, its kids' included."""
    if Name.Nums in tree:
        nums = tree.Nums
        for index in range(0, len(nums), 2):
            yield int(nums[index]), nums[index + 1]
    for kid in tree.get(Name.Kids, Array()):
        yield from _number_tree(kid)


class TaggedJoin:
    """Parts appended one after the other into one tagged document."""

    def __init__(self) -> None:
        self.pdf = pikepdf.Pdf.new()
        self.document = self.pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, K=Array())
        )
        self.root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=self.document))
        self.document[Name.P] = self.root
        self.nums = Array()
        self.next_key = 0
        self.role_map = Dictionary()
        self.class_map = Dictionary()

    def append(self, part: bytes, *, in_front: bool = False) -> int:
        """Append one laid-out, tagged part (``in_front``: put it before the parts appended
        so far, pages, structure and outline); the index of its first page here."""
        first = len(self.pdf.pages)
        outline_before = self._outline_length() if in_front else 0
        with pikepdf.Pdf.open(io.BytesIO(part)) as source:
            self.pdf.add_pages_from(source)
            tree = source.Root.get(Name.StructTreeRoot)
            if tree is None:
                raise ValueError("Only tagged parts can be joined into a tagged document.")
            # Copied after the pages: the structure's /Pg and /Obj lead to the copies.
            copied = self.pdf.copy_foreign(tree)
        pages = range(first, len(self.pdf.pages))
        self._renumber(pages, copied)
        kids = copied.get(Name.K, Array())
        for index, kid in enumerate([kids] if isinstance(kids, Dictionary) else list(kids)):
            if kid.get(Name.S) == Name.Document:
                kid.S = Name.Part  # one Document per file; a part of it per section
            kid[Name.P] = self.document
            if in_front:
                self.document.K.insert(index, kid)
            else:
                self.document.K.append(kid)
        for name, value in copied.get(Name.RoleMap, Dictionary()).items():
            self.role_map[name] = value
        for name, value in copied.get(Name.ClassMap, Dictionary()).items():
            self.class_map[name] = value
        if not in_front:
            return first
        for index in range(len(pages)):
            page = self.pdf.pages[first + index]
            del self.pdf.pages[first + index]
            self.pdf.pages.insert(index, page)
        with self.pdf.open_outline() as outline:
            items = outline.root
            items[:] = items[outline_before:] + items[:outline_before]
        return 0

    def _outline_length(self) -> int:
        """Top-level outline items, counted along their chain: open_outline reads and writes
        the whole outline, seconds for a packet's."""
        outlines = self.pdf.Root.get(Name.Outlines)
        count, item = 0, outlines.get(Name.First) if outlines is not None else None
        while item is not None:
            count += 1
            item = item.get(Name.Next)
        return count

    def _renumber(self, pages: range, copied: pikepdf.Object) -> None:
        """Offset the part's parent-tree keys past those of the parts before it."""
        offset = self.next_key
        for index in pages:
            page = self.pdf.pages[index].obj
            if Name.StructParents in page:
                page.StructParents = int(page.StructParents) + offset
            for annotation in page.get(Name.Annots, Array()):
                if Name.StructParent in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        last = offset - 1
        for key, value in _number_tree(copied.get(Name.ParentTree, Dictionary())):
            self.nums.append(key + offset)
            self.nums.append(value)
            last = max(last, key + offset)
        self.next_key = max(last + 1, offset + int(copied.get(Name.ParentTreeNextKey, 0)))

    def finish(self) -> pikepdf.Pdf:
        """The joined document, its structure tree in place (PDF/UA-1 7.1)."""
        self.root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=self.nums))
        self.root.ParentTreeNextKey = self.next_key
        if self.role_map:
            self.root.RoleMap = self.role_map
        if self.class_map:
            self.root.ClassMap = self.class_map
        self.pdf.Root.StructTreeRoot = self.root
        self.pdf.Root[Name.MarkInfo] = Dictionary(Marked=True)
        return self.pdf


def continuous_page_labels(pdf: pikepdf.Pdf) -> None:
    """Page labels 1, 2, 3... across the whole document: what a viewer shows matches the
    stamped numbers."""
    pdf.Root[Name.PageLabels] = Dictionary(Nums=Array([0, Dictionary(S=Name.D)]))


# Front matter links to a section with this pretend URL: WeasyPrint lays out the link (its
# rectangle, its Link structure element) and it is turned into a link to the section's first
# page once the sections are joined.
SECTION_LINK = "https://packet.invalid/section/"


def link_sections(pdf: pikepdf.Pdf, pages: range, first_pages: dict[int, int]) -> int:
    """Turn the SECTION_LINK links on ``pages`` into links to the first page of the LEA's
    section (``first_pages``: LEA id to page index); the number of links turned."""
    turned = 0
    for index in pages:
        for annotation in pdf.pages[index].obj.get(Name.Annots, Array()):
            action = annotation.get(Name.A)
            if action is None or action.get(Name.S) != Name.URI:
                continue
            uri = str(action.URI)
            if not uri.startswith(SECTION_LINK):
                continue
            first = first_pages[int(uri.removeprefix(SECTION_LINK))]
            del annotation[Name.A]
            annotation[Name.Dest] = Array([pdf.pages[first].obj, Name.Fit])
            # Its description (PDF/UA-1 7.18.1), in place of the pretend URL.
            annotation.Contents = pikepdf.String(f"Status report, page {first + 1:,}")
            turned += 1
    return turned
