"""An administrator brings the Dashboard results in and works the caseload pipeline, by
clicking from the dashboard: imports a file (dry run, confirm), finds an LEA eligible and not
engaged, opens it, starts its engagement, and sees it move to "engaged"."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from sir_tracker.users.models import Role
from tests.browser.conftest import Account, LiveServer, sign_in_page
from tests.browser.support import assert_accessible

GROUPS = ("English learners", "Students with disabilities", "Hispanic")


def dashboard_file(folder: Path, name: str, code: str) -> Path:
    """Three years of three groups missing Pupil Achievement and School Climate: DTA."""
    lines = ["CDS code,Dashboard year,LEA,County,Student group,Priorities not met"]
    for year in (2023, 2024, 2025):
        lines += [f'{code},{year},{name},Sacramento,{group},"4; 6"' for group in GROUPS]
    path = folder / "dashboard-2025.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_an_admin_imports_results_and_engages_an_lea_in_the_intake(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account], tmp_path: Path
) -> None:
    name = f"Sequoia{uuid.uuid4().hex[:6]} Unified"
    code = f"34{uuid.uuid4().int % 10**5:05d}"
    sign_in_page(page, live_server, make_account(Role.ADMIN))

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Caseload pipeline"
    ).click()
    page.get_by_role("link", name="Import Dashboard results").click()
    expect(page.get_by_role("heading", name="California School Dashboard results")).to_be_visible()
    assert_accessible(page)

    upload = dashboard_file(tmp_path, name, code)
    page.get_by_label("Dashboard results to import (XLSX or CSV)").set_input_files(upload)
    page.get_by_role("button", name="See the dry run").click()
    expect(
        page.get_by_role("heading", name="Dry run: importing dashboard-2025.csv")
    ).to_be_visible()
    expect(page.locator("#new-leas")).to_contain_text(name)
    expect(page.locator("#new-leas")).to_contain_text("Sacramento")
    assert_accessible(page)
    page.get_by_role("button", name="Import: record 3 LEA-years, create 1 LEA").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload pipeline, Dashboard 2025")
    expect(page.locator(".usa-alert--success")).to_contain_text("Imported dashboard-2025.csv")
    intake = page.locator("section#intake")
    expect(intake.get_by_role("row").filter(has_text=name)).to_contain_text(
        "English learners, Students with disabilities and Hispanic: Pupil Achievement and "
        "School Climate in 2023, 2024 and 2025"
    )
    assert_accessible(page)

    intake.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    expect(page.locator(".eligibility-history")).to_contain_text("Direct Technical Assistance")
    page.get_by_role("link", name="Start an engagement").click()
    page.get_by_label("Pathway to Direct Technical Assistance").select_option(
        label="Continuum of Support (SIR+)"
    )
    page.get_by_label("Mode of engagement").select_option(label="Collaborative planning")
    assert_accessible(page)
    page.get_by_role("button", name="Start the engagement").click()
    expect(page.locator(".usa-alert--success")).to_contain_text(
        f"The engagement of {name} has started."
    )

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Caseload pipeline"
    ).click()
    expect(page.locator("section#engaged").get_by_role("link", name=name)).to_be_visible()
    expect(page.locator("section#intake").get_by_role("link", name=name)).to_have_count(0)
