"""Demo data shared by every demo LEA: county offices, their Geo Leads, and the CCEE leads.

County and office names are real; Geo Lead names and every person are invented.
"""

from __future__ import annotations

from sir_tracker.demo.spec import CountySpec, PersonSpec

COUNTIES: tuple[CountySpec, ...] = (
    CountySpec(
        county="Los Angeles",
        office="Los Angeles County Office of Education",
        geo_lead="Region 11 Geographic Lead Agency",
    ),
    CountySpec(
        county="Fresno",
        office="Fresno County Superintendent of Schools",
        geo_lead="Region 7 Geographic Lead Agency",
    ),
    CountySpec(
        county="Sacramento",
        office="Sacramento County Office of Education",
        geo_lead="Region 3 Geographic Lead Agency",
    ),
    CountySpec(
        county="Kern",
        office="Kern County Superintendent of Schools",
        geo_lead="Region 8 Geographic Lead Agency",
    ),
    CountySpec(
        county="San Bernardino",
        office="San Bernardino County Superintendent of Schools",
        geo_lead="Region 10 Geographic Lead Agency",
    ),
    CountySpec(
        county="Alameda",
        office="Alameda County Office of Education",
        geo_lead="Region 4 Geographic Lead Agency",
    ),
)

CCEE_LEADS: tuple[PersonSpec, ...] = (
    PersonSpec(name="Alicia Montoya", email="alicia.montoya@demo.sir-tracker.example"),
    PersonSpec(name="Samuel Okafor", email="samuel.okafor@demo.sir-tracker.example"),
    PersonSpec(name="Priya Raman", email="priya.raman@demo.sir-tracker.example"),
)
