"""Who a report is written for: the CCEE board or the State Superintendent."""

from __future__ import annotations

import enum


class Audience(enum.StrEnum):
    BOARD = "board"
    SPI = "spi"

    @property
    def label(self) -> str:
        return {
            "board": "CCEE Governing Board",
            "spi": "State Superintendent of Public Instruction",
        }[self.value]
