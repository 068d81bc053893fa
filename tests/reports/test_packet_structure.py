"""The board packet is one tagged, accessible document (PDF/UA-1, ISO 14289-1), read back with
pikepdf: veraPDF is not installable here, so these are the checks of the clauses a joined
packet can break (each section alone is laid out as PDF/UA-1 by WeasyPrint).

The demo's packet is built once for the run (``demo_packet``) and read once for the module.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf
import pytest
from pikepdf import Name

from sir_tracker.reports.packet import BuiltPacket

TITLE = "Board packet: Systemic Instructional Review progress as of 30 June 2026"
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
HEADINGS = {f"/H{level}": level for level in range(1, 7)}


@dataclass
class Packet:
    pdf: pikepdf.Pdf
    root: pikepdf.Object  # the StructTreeRoot
    parent_tree: list[tuple[int, pikepdf.Object]]  # (key, value), in the tree's order


@pytest.fixture(scope="module")
def packet(demo_packet: BuiltPacket) -> Iterator[Packet]:
    with pikepdf.Pdf.open(io.BytesIO(demo_packet.report.pdf)) as pdf:
        root = pdf.Root.StructTreeRoot
        yield Packet(pdf, root, list(number_tree(root.ParentTree)))


def number_tree(tree: pikepdf.Object) -> Iterator[tuple[int, pikepdf.Object]]:
    if "/Nums" in tree:
        nums = tree.Nums
        for index in range(0, len(nums), 2):
            yield int(nums[index]), nums[index + 1]
    for kid in tree.get("/Kids", []):
        yield from number_tree(kid)


def elements(node: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """The structure elements under ``node``, depth first, in reading order."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in [kids] if not isinstance(kids, pikepdf.Array) else kids:
        element = isinstance(kid, pikepdf.Dictionary) and "/S" in kid
        if element and kid.get("/Type") in (None, Name.StructElem):
            yield kid
            yield from elements(kid)


def leads_to_root(element: pikepdf.Object, root: pikepdf.Object) -> bool:
    seen = set()
    while element.objgen not in seen:
        seen.add(element.objgen)
        parent = element.get("/P")
        if parent is None:
            return False
        if parent.objgen == root.objgen:
            return True
        element = parent
    return False


def marked_content(page: pikepdf.Page) -> Iterator[tuple[str, int | None, bool]]:
    """(operator, MCID of the innermost tagged sequence, inside an artifact) for each
    text-showing operator and each MCID opened on the page."""
    stack: list[tuple[int | None, bool]] = []
    properties = page.obj.get("/Resources", {}).get("/Properties", {})
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        mcid, artifact = stack[-1] if stack else (None, False)
        if op in ("BDC", "BMC"):
            tag = operands[0]
            props = operands[1] if op == "BDC" else None
            if isinstance(props, Name):
                props = properties.get(props)
            own = int(props.MCID) if props is not None and "/MCID" in props else None
            stack.append((own if own is not None else mcid, artifact or tag == Name.Artifact))
            if own is not None:
                yield "MCID", own, artifact
        elif op == "EMC":
            stack.pop()
        elif op in TEXT_SHOWING:
            yield op, mcid, artifact


def test_one_structure_tree_covers_every_pages_marked_content(packet: Packet) -> None:
    """ISO 14289-1 7.1 (tagged content): every MCID on every page has an entry in the page's
    parent-tree array, and that entry is a StructElem leading up to the one StructTreeRoot;
    every text is either tagged or an artifact (the stamped page numbers are artifacts)."""
    parents = dict(packet.parent_tree)
    mcids = 0
    for number, page in enumerate(packet.pdf.pages, start=1):
        assert "/StructParents" in page.obj, number
        array = parents[int(page.obj.StructParents)]
        texts_outside = []
        for op, mcid, artifact in marked_content(page):
            if op == "MCID":
                mcids += 1
                element = array[mcid]
                assert element.get("/Type", Name.StructElem) == Name.StructElem
                assert leads_to_root(element, packet.root), (number, mcid)
            elif mcid is None and not artifact:
                texts_outside.append(op)
        assert texts_outside == [], f"page {number}: text neither tagged nor an artifact"
    assert mcids > len(packet.pdf.pages)


def test_page_numbers_are_pagination_artifacts(packet: Packet) -> None:
    """ISO 14289-1 7.8 (page headers and footers are artifacts): the stamped "Page n of N"."""
    last = packet.pdf.pages[-1]
    total = len(packet.pdf.pages)
    operands = [
        bytes(ops[0])
        for ops, op in pikepdf.parse_content_stream(last)
        if str(op) == "Tj" and isinstance(ops[0], pikepdf.String)
    ]
    assert f"Page {total} of {total}".encode() in operands
    stamps = [op for op, _mcid, artifact in marked_content(last) if artifact and op == "Tj"]
    assert stamps


def test_the_parent_tree_has_no_duplicate_keys(packet: Packet) -> None:
    """ISO 14289-1 7.1 / ISO 32000-1 14.7.4.4: one parent-tree entry per key, in order, and
    ParentTreeNextKey past them; every page and annotation key is in the tree."""
    keys = [key for key, _value in packet.parent_tree]
    assert len(keys) == len(set(keys))
    assert keys == sorted(keys)
    assert int(packet.root.ParentTreeNextKey) > keys[-1]
    used = []
    for page in packet.pdf.pages:
        used.append(int(page.obj.StructParents))
        used += [int(a.StructParent) for a in page.obj.get("/Annots", []) if "/StructParent" in a]
    assert len(used) == len(set(used))
    assert set(used) <= set(keys)


def test_the_packet_is_one_document_of_parts(packet: Packet) -> None:
    """ISO 14289-1 7.1: one StructTreeRoot, one Document element, a Part for the first pages
    and one per LEA (the sections' own Document elements, now parts)."""
    document = packet.root.K
    assert Name.Document == document.S
    parts = [kid.S for kid in document.K]
    assert parts == [Name.Part] * 5
    assert packet.pdf.Root.MarkInfo.Marked is True


def test_headings_go_down_one_level_at_a_time_in_each_part(packet: Packet) -> None:
    """ISO 14289-1 7.4.2 (numbered headings): no level skipped within a part."""
    for part in packet.root.K.K:
        deepest = 0
        levels = [HEADINGS[str(e.S)] for e in elements(part) if str(e.S) in HEADINGS]
        assert levels, "a part without headings"
        for level in levels:
            assert level <= deepest + 1, levels
            deepest = max(deepest, level) if level > deepest else level


def test_every_table_has_header_cells(packet: Packet) -> None:
    """ISO 14289-1 7.5 (tables): every Table has TH cells."""
    tables = [e for e in elements(packet.root) if Name.Table == e.S]
    assert len(tables) > 10
    for table in tables:
        assert any(cell.S == Name.TH for cell in elements(table))


def test_every_figure_has_alternate_text(packet: Packet) -> None:
    """ISO 14289-1 7.3 (graphics): every Figure has /Alt."""
    figures = [e for e in elements(packet.root) if Name.Figure == e.S]
    assert figures  # the counts charts
    for figure in figures:
        assert str(figure.get("/Alt", "")).strip()


def test_every_link_is_tagged_and_described(packet: Packet) -> None:
    """ISO 14289-1 7.18.1 and 7.18.5 (annotations, links): every link annotation has a
    description and a Link structure element (through its StructParent) under the root."""
    parents = dict(packet.parent_tree)
    links = 0
    for page in packet.pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.Subtype != Name.Link:
                continue
            links += 1
            assert str(annotation.get("/Contents", "")).strip()
            assert "packet.invalid" not in str(annotation.Contents)
            element = parents[int(annotation.StructParent)]
            assert Name.Link == element.S and leads_to_root(element, packet.root)
    assert links > 8


def test_title_shown_and_language_set(packet: Packet) -> None:
    """ISO 14289-1 7.1 (dc:title in the metadata, /DisplayDocTitle true), 7.2 (/Lang), 5
    (the PDF/UA identification in the metadata)."""
    meta = packet.pdf.open_metadata()
    assert meta["dc:title"] == TITLE
    assert meta["{http://www.aiim.org/pdfua/ns/id/}part"] == "1"
    assert packet.pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(packet.pdf.Root.Lang) == "en"


def test_every_font_is_embedded(packet: Packet) -> None:
    """ISO 14289-1 7.21.4.1: the font programs of every font, the stamp's included, are
    embedded; 7.21.7: each maps its codes to Unicode."""
    fonts = {}
    for page in packet.pdf.pages:
        for _name, font in page.obj.Resources.get("/Font", {}).items():
            fonts[font.objgen] = font
    for font in fonts.values():
        described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = described.FontDescriptor
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        assert "/ToUnicode" in font
