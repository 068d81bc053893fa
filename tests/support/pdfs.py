"""Reading generated PDFs back as a person or an auditor would: their text, every stream
inflated, their attachments."""

from __future__ import annotations

import io
import re

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
