"""County-District-School (CDS) codes: 7 digits name a district, 14 digits a school."""

import re

_CDS = re.compile(r"\d{7}|\d{14}")


class InvalidCdsCode(ValueError):
    pass


def normalize_cds_code(raw: str) -> str:
    """Return the code as bare digits, or raise ``InvalidCdsCode`` saying what is wrong.

    Spaces and hyphens are accepted as separators, since codes are often written "19 64626".
    """
    digits = re.sub(r"[\s-]", "", raw)
    if not digits:
        raise InvalidCdsCode("A CDS code is required.")
    if not digits.isdigit():
        raise InvalidCdsCode(f"A CDS code contains only digits; {raw!r} does not.")
    if not _CDS.fullmatch(digits):
        raise InvalidCdsCode(
            f"A CDS code has 7 digits (a district) or 14 digits (a school); "
            f"{raw!r} has {len(digits)}."
        )
    return digits
