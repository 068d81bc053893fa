"""The roles of users: what each person may see and change follows from one of them."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    ADMIN = "admin"
    CCEE_LEAD = "ccee_lead"
    COE_STAFF = "coe_staff"
    LEA_STAFF = "lea_staff"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return {
            "admin": "Administrator",
            "ccee_lead": "CCEE lead",
            "coe_staff": "County office staff",
            "lea_staff": "LEA staff",
            "viewer": "Viewer",
        }[self.value]
