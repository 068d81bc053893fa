"""The public pages and the public PDF in English and Spanish: a language switch, ``lang``
attributes, dates in the reader's language, user-written text as written; the Spanish
catalogue complete and compiled."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.i18n import TRANSLATIONS
from sir_tracker.leas.models import EngagementMode, Lea, LeaKind, Pathway
from sir_tracker.monitoring.charts import STYLES
from sir_tracker.monitoring.published import NO_THEME
from tests.support import pdfs

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.po"
IUSD = "Inglewood Unified School District"
# Texts the code hands to _() as values: its enum labels and chart labels.
LABELS = {
    *(kind.label for kind in LeaKind),
    *(pathway.label for pathway in Pathway),
    *(mode.label for mode in EngagementMode),
    *(style.label for style in STYLES.values()),
    NO_THEME,
    "Recommended actions by status at each quarterly meeting",
}


def extracted_messages() -> set[str]:
    method_map = [
        ("templates/base.html", "jinja2"),
        ("templates/public/**.html", "jinja2"),
        ("templates/progress/_trend_chart.html", "jinja2"),
        ("reports/_macros.html", "jinja2"),
        ("reports/public_report.html", "jinja2"),
    ]
    found = set()
    for _filename, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_spanish_catalogue_translates_every_public_text() -> None:
    with CATALOGUE.open("rb") as source:
        catalogue = read_po(source)
    translated = {m.id for m in catalogue if m.id and m.string}

    assert extracted_messages() | LABELS <= translated, sorted(
        (extracted_messages() | LABELS) - translated
    )
    with CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        mo = read_mo(io.BytesIO(compiled.read()))
    assert {m.id: m.string for m in mo if m.id} == {m.id: m.string for m in catalogue if m.id}, (
        "messages.mo is older than messages.po: run `make translations`"
    )


def test_a_spanish_reader_gets_the_public_pages_in_spanish(
    client: FlaskClient, session: Session
) -> None:
    iusd = session.scalars(select(Lea).where(Lea.name == IUSD)).one()

    index = client.get("/progress?lang=es").get_data(as_text=True)
    page = client.get(f"/progress/{iusd.id}?lang=es").get_data(as_text=True)

    assert '<html lang="es">' in index and '<html lang="es">' in page
    assert "Salieron de la Asistencia Técnica Directa" in index
    assert "30 de junio de 2022" in index  # IUSD's exit, in Spanish
    assert f'href="/progress/{iusd.id}?lang=es"' in index  # links keep the language
    assert "19 completadas / 41 en curso / 6 sin iniciar" in page
    assert "Completada en abril de 2019" in page
    assert "Distrito escolar" in page and "Apoyo integral (AB 1840)" in page
    # What people wrote stays as written: the LEA's name, its themes, component titles.
    assert IUSD in page
    assert "Culture, coherence, and systemness" in page
    assert "Governance Support with Instruction" in page
    assert "completed or in progress" not in page


def test_the_language_switch_names_each_language_in_itself(client: FlaskClient) -> None:
    english = client.get("/progress").get_data(as_text=True)

    assert '<html lang="en">' in english
    assert 'lang="es" hreflang="es">Español</a>' in english
    assert 'hreflang="es" href="/progress?lang=es"' in english
    spanish = client.get("/progress?lang=es").get_data(as_text=True)
    assert 'lang="en" hreflang="en">English</a>' in spanish


def test_the_browser_language_chooses_on_public_pages_only(client: FlaskClient) -> None:
    spanish = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}

    assert '<html lang="es">' in client.get("/progress", headers=spanish).get_data(as_text=True)
    sign_in = client.get("/sign-in", headers=spanish).get_data(as_text=True)
    assert '<html lang="en">' in sign_in  # signed-in pages are in English
    unknown = client.get("/progress?lang=xx", headers={"Accept-Language": "fr"})
    assert '<html lang="en">' in unknown.get_data(as_text=True)


def test_the_public_pdf_in_spanish(client: FlaskClient, session: Session) -> None:
    iusd = session.scalars(select(Lea).where(Lea.name == IUSD)).one()

    answer = client.get(f"/progress/{iusd.id}.pdf?lang=es")

    assert answer.status_code == 200
    assert pdfs.reader(answer.data).trailer["/Root"]["/Lang"] == "es"
    text = pdfs.text(answer.data)
    assert "Informe de progreso de la Asistencia Técnica Directa" in text
    assert "19 completadas / 41 en curso / 6 sin iniciar" in text
    assert "30 de junio de 2022" in text
    assert "Página 1 de" in text
    assert IUSD in text
