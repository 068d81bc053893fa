"""Reading generated PDFs back as a person or an auditor would: their text, every stream
inflated, their attachments."""

from __future__ import annotations

import io
import re

import pikepdf
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, StreamObject


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text with every run of whitespace made one space (table cells and wrapped
    lines come out on separate lines)."""
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader(pdf).pages]


def text(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def squeezed(value: str) -> str:
    """``value`` without any whitespace, to find a string that a line may have broken."""
    return re.sub(r"\s+", "", value)


def inflated_streams(pdf: bytes) -> list[bytes]:
    """The decoded content of every stream object: embedded files hide in Flate streams,
    where a byte search of the file misses them."""
    document = reader(pdf)
    numbers = {number for generation in document.xref.values() for number in generation}
    numbers |= set(document.xref_objStm)
    streams = []
    for number in sorted(numbers):
        found = document.get_object(number)
        if isinstance(found, StreamObject):
            streams.append(found.get_data())
    return streams


def embedded_files(pdf: bytes) -> list[str]:
    """Names of the document's attachments and of its pages' file-attachment annotations."""
    document = reader(pdf)
    names = list(document.attachments)
    for page in document.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if isinstance(annotation, DictionaryObject) and (
                annotation.get("/Subtype") == "/FileAttachment"
            ):
                names.append(str(annotation.get("/Contents", "file attachment")))
    return names


def body_texts(pdf: bytes, *, top: float, bottom: float) -> list[str]:
    """Each page's text between its top and bottom margins (in points from the page's edges),
    leaving out the running header and footer, as ``page_texts`` writes it."""
    texts = []
    for page in reader(pdf).pages:
        height = float(page.mediabox.height)
        parts: list[str] = []

        def keep(
            text: str,
            cm: list[float],
            tm: list[float],
            *_: object,
            parts: list[str] = parts,
            height: float = height,
        ) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if bottom < y < height - top:
                parts.append(text)

        page.extract_text(visitor_text=keep)
        texts.append(re.sub(r"\s+", " ", "".join(parts)).strip())
    return texts


_GEOMETRY = frozenset({"cm", "re", "m", "l"})


def drawn_right_edges(pdf: bytes, page_index: int) -> list[tuple[float, float]]:
    """The right end and height (x, y in points) of every rectangle and line drawn on a page:
    where table rules, cell backgrounds and the running header's rule end."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[page_index]
        ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        stack: list[list[float]] = []
        edges: list[tuple[float, float]] = []

        def point(x: float, y: float) -> tuple[float, float]:
            a, b, c, d, e, f = ctm
            return a * x + c * y + e, b * x + d * y + f

        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            values = [float(value) for value in operands] if op in _GEOMETRY else []
            if op == "q":
                stack.append(list(ctm))
            elif op == "Q":
                ctm = stack.pop()
            elif op == "cm":
                a, b, c, d, e, f = ctm
                a2, b2, c2, d2, e2, f2 = values
                ctm = [
                    a2 * a + b2 * c, a2 * b + b2 * d, c2 * a + d2 * c, c2 * b + d2 * d,
                    e2 * a + f2 * c + e, e2 * b + f2 * d + f,
                ]  # fmt: skip
            elif op == "re":
                x, y, width, height = values
                corners = [point(x, y), point(x + width, y + height)]
                edges.append((max(cx for cx, _ in corners), min(cy for _, cy in corners)))
            elif op in ("m", "l"):
                edges.append(point(*values))
        return edges


def link_targets(pdf: bytes) -> dict[int, list[int]]:
    """For each page (index), the pages (indexes) its link annotations go to, whether their
    destination is explicit or named."""
    with pikepdf.Pdf.open(io.BytesIO(pdf)) as document:
        index = {page.obj.objgen: number for number, page in enumerate(document.pages)}
        names = {}
        if "/Names" in document.Root and "/Dests" in document.Root.Names:
            for name, value in pikepdf.NameTree(document.Root.Names.Dests).items():
                names[str(name)] = value.D if isinstance(value, pikepdf.Dictionary) else value
        targets: dict[int, list[int]] = {}
        for number, page in enumerate(document.pages):
            found = targets.setdefault(number, [])
            for annotation in page.obj.get("/Annots", []):
                dest = annotation.get("/Dest")
                if dest is None and "/A" in annotation and "/D" in annotation.A:
                    dest = annotation.A.D
                if isinstance(dest, (pikepdf.String, pikepdf.Name)):
                    dest = names.get(str(dest).lstrip("/"))
                if isinstance(dest, pikepdf.Array):
                    found.append(index[dest[0].objgen])
        return targets
