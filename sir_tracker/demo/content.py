"""The demo data set, read from TOML files into the dataclasses of ``spec.py``.

A demo folder holds ``common.toml`` (the LEA files in load order, the county offices and the CCEE
leads) and ``leas/<slug>.toml``, one ``LeaSpec`` each. Keys are the spec's field names and are
read by walking the dataclasses, so a new spec field needs no change here: enums are written as
their values, dates as TOML dates, decimals as numbers, tuples as arrays (of tables, for
dataclasses), and a field that may be None is left out to mean None. Anything else is refused
with a ``DemoDataError`` naming the file, the entry and the key.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import tomllib
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sir_tracker.demo.spec import CountySpec, DemoSpec, LeaSpec, PersonSpec

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

SHIPPED = Path(__file__).parent / "data"

_Spec = TypeVar("_Spec", bound="DataclassInstance")

_WRONG = object()
_EXPECTED = {
    str: "a string",
    bool: "true or false",
    int: "a whole number",
    date: "a date such as 2024-09-17",
    Decimal: "a number",
    float: "a number",
}


class DemoDataError(ValueError):
    """A demo data file that does not describe the spec."""


@dataclass(frozen=True)
class _Common:
    leas: tuple[str, ...]  # leas/<slug>.toml, in load order
    counties: tuple[CountySpec, ...]
    ccee_leads: tuple[PersonSpec, ...]


@functools.cache
def shipped_demo() -> DemoSpec:
    """The demo shipped in ``data/``, read once per process, when first asked for."""
    return read_demo(SHIPPED)


def read_demo(folder: Path) -> DemoSpec:
    """Read a demo folder of the shape of ``data/``; raise ``DemoDataError`` if it is wrong."""
    common = _read(folder, "common.toml", _Common)
    names = [f"leas/{slug}.toml" for slug in common.leas]
    if len(set(names)) != len(names):
        raise DemoDataError("common.toml: key 'leas' names an LEA file more than once")
    unlisted = sorted({f"leas/{path.name}" for path in (folder / "leas").glob("*.toml")} - {*names})
    if unlisted:
        raise DemoDataError(f"{unlisted[0]}: not listed in key 'leas' of common.toml")
    leas = tuple(_read(folder, name, LeaSpec) for name in names)
    for name, lea in zip(names, leas, strict=True):
        _check_references(_Entry(name), lea, common)
    return DemoSpec(counties=common.counties, ccee_leads=common.ccee_leads, leas=leas)


@dataclass(frozen=True)
class _Entry:
    """Where a value is: a file and, inside it, an entry such as 'sir.actions[37] (code 3.4)'."""

    file: str
    path: str = ""
    labelled: bool = False

    def child(self, key: str, label: str | None = None) -> _Entry:
        path = f"{self.path}{', ' if self.labelled else '.'}{key}" if self.path else key
        if label is None:
            return _Entry(self.file, path)
        return _Entry(self.file, f"{path} ({label})", labelled=True)

    def error(self, message: str) -> DemoDataError:
        where = f"{self.file}, {self.path}" if self.path else self.file
        return DemoDataError(f"{where}: {message}")


def _read(folder: Path, name: str, spec: type[_Spec]) -> _Spec:
    try:
        with (folder / name).open("rb") as file:
            data = tomllib.load(file, parse_float=Decimal)
    except FileNotFoundError:
        raise DemoDataError(f"{name}: no such file in {folder}") from None
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"{name}: not valid TOML: {error}") from None
    return _build(spec, data, _Entry(name))


def _build(spec: type[_Spec], data: dict[str, Any], entry: _Entry) -> _Spec:
    fields = {field.name: field for field in dataclasses.fields(spec)}
    hints = _hints(spec)
    unknown = [key for key in data if key not in fields]
    if unknown:
        raise entry.error(f"unknown key {unknown[0]!r}; the keys are {', '.join(fields)}")
    values: dict[str, object] = {}
    for name, field in fields.items():
        if name in data:
            values[name] = _value(hints[name], data[name], entry, name)
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            if not _allows_none(hints[name]):
                raise entry.error(f"missing key {name!r}")
            values[name] = None
    return spec(**values)


@functools.cache
def _hints(spec: type[DataclassInstance]) -> dict[str, Any]:
    return typing.get_type_hints(spec)


def _allows_none(hint: Any) -> bool:
    return typing.get_origin(hint) in (types.UnionType, typing.Union) and type(None) in (
        typing.get_args(hint)
    )


def _value(hint: Any, raw: object, entry: _Entry, key: str) -> object:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        present = [arg for arg in args if arg is not type(None)]
        if len(present) != 1:
            raise TypeError(f"the demo reader does not know the spec type {hint!r} of {key!r}")
        return _value(present[0], raw, entry, key)  # None is written by leaving the key out
    if origin is tuple:
        if not isinstance(raw, list):
            raise entry.error(f"key {key!r} should be an array, not {_describe(raw)}")
        if len(args) == 2 and args[1] is Ellipsis:
            args = (args[0],) * len(raw)
        elif len(raw) != len(args):
            raise entry.error(f"key {key!r} should be an array of {len(args)}, not {len(raw)}")
        return tuple(
            _value(arg, item, entry, f"{key}[{index}]")
            for index, (arg, item) in enumerate(zip(args, raw, strict=True))
        )
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(raw, dict):
            raise entry.error(f"key {key!r} should be a table, not {_describe(raw)}")
        label = _label(hint, raw) if key.endswith("]") else None
        return _build(hint, raw, entry.child(key, label))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        for member in hint:
            if type(raw) is type(member.value) and raw == member.value:
                return member
        allowed = ", ".join(repr(member.value) for member in hint)
        raise entry.error(f"key {key!r} should be one of {allowed}, not {_describe(raw)}")
    if hint not in _EXPECTED:
        raise TypeError(f"the demo reader does not know the spec type {hint!r} of {key!r}")
    value = _scalar(hint, raw)
    if value is _WRONG:
        raise entry.error(f"key {key!r} should be {_EXPECTED[hint]}, not {_describe(raw)}")
    return value


def _scalar(hint: Any, raw: object) -> object:
    if isinstance(raw, bool):  # a bool is an int to Python, never to TOML
        return raw if hint is bool else _WRONG
    if hint in (Decimal, float) and isinstance(raw, int | Decimal):  # TOML floats read as Decimal
        return hint(raw) if isinstance(raw, int) or raw.is_finite() else _WRONG
    if hint is date:
        return raw if isinstance(raw, date) and not isinstance(raw, datetime) else _WRONG
    return raw if type(raw) is hint else _WRONG


def _label(spec: type[DataclassInstance], raw: dict[str, Any]) -> str | None:
    """The entry's first key and value, if short, to tell entries of an array apart."""
    first = dataclasses.fields(spec)[0].name
    value = raw.get(first)
    if isinstance(value, str | int | date) and len(str(value)) <= 40:
        return f"{first} {value}"
    return None


def _describe(raw: object) -> str:
    if isinstance(raw, bool):
        return str(raw).lower()
    if isinstance(raw, str):
        return f"the string {raw!r}"
    if isinstance(raw, int | Decimal):
        return f"the number {raw}"
    if isinstance(raw, datetime):
        return f"the date and time {raw.isoformat()}"
    if isinstance(raw, date | time):
        return f"the {type(raw).__name__} {raw.isoformat()}"
    if isinstance(raw, list):
        return "an array"
    if isinstance(raw, dict):
        return "a table"
    return repr(raw)


def _check_references(entry: _Entry, lea: LeaSpec, common: _Common) -> None:
    """What the types cannot say: the names and indices an LEA file uses must exist."""
    counties = [county.county for county in common.counties]
    if lea.county not in counties:
        raise entry.error(_not_one_of("county", lea.county, counties, "counties of common.toml"))
    leads = [lead.email for lead in common.ccee_leads]
    if lea.ccee_lead not in leads:
        raise entry.error(_not_one_of("ccee_lead", lea.ccee_lead, leads, "ccee_leads emails"))
    if lea.sir is None:
        return
    for index, action in enumerate(lea.sir.actions):
        action_entry = entry.child("sir").child(f"actions[{index}]", f"code {action.code}")
        themes = len(lea.sir.themes)
        if action.theme is not None and not 1 <= action.theme <= themes:
            raise action_entry.error(
                f"key 'theme' should be a number from 1 to {themes} (sir.themes), "
                f"not {action.theme}"
            )
        indexed = [("steps", n, step.meeting) for n, step in enumerate(action.steps)]
        indexed += [("notes", n, note.meeting) for n, note in enumerate(action.notes)]
        for key, number, meeting in indexed:
            if not 0 <= meeting < len(lea.meetings):
                raise action_entry.child(f"{key}[{number}]", f"meeting {meeting}").error(
                    f"key 'meeting' should be the index of one of the {len(lea.meetings)} "
                    f"meetings (0 for the first), not {meeting}"
                )


def _not_one_of(key: str, value: str, allowed: list[str], what: str) -> str:
    return f"key {key!r} should be one of the {what} ({', '.join(allowed)}), not {value!r}"
