"""Spreadsheets in and out: a SIR's themes, findings and actions imported from XLSX or CSV
(read and checked first, then planned as a dry run, then written through the operations of
``reviews`` and ``progress``), the import template, and the exports of what users see."""
