# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Figures of the threat-scenario suite (issue #7) and the benchmark harness.

A test reports what it proved as one log line::

    KIM-FIGURE access_matrix_cells 24/24

``tools/kimctl.py`` sums the lines per key over the whole run (numerators and
denominators separately) and prints the totals at the end of ``make test``.
Report only what the test really asserted: a figure is a claim.
"""

import logging

_logger = logging.getLogger("odoo.addons.kim_case.figures")

# key -> label printed by the test command (same order as there)
FIGURES = {
    "access_matrix_cells": "access matrix cells tested",
    "foreign_records_leaked": "foreign records leaked",
    "portal_routes_token_tested": "portal routes with token tests",
    "bad_inputs": "bad inputs tried",
    "partial_writes": "partial writes",
    "duplicate_payments": "duplicate payments",
    "residual_pii": "residual PII after erasure",
    "races_tested": "races tested",
    "double_successes": "double successes",
    "demo_walk_roles": "demo walk: roles",
    "demo_walk_records": "demo walk: records opened",
    "demo_walk_errors": "demo walk: errors",
    "client_documents": "client documents",
    "client_document_languages": "client documents: languages",
    "suppression_attacks": "suppression attacks tried",
    "payment_files_valid": "payment files valid against XSD",
    "suppression_derived": "suppressed values derived",
}


def report_figure(key, value, total=None):
    """Log one figure; ``total`` makes it a ``value/total`` fraction."""
    if key not in FIGURES:
        raise ValueError(f"unknown figure {key!r}")
    text = f"{int(value)}/{int(total)}" if total is not None else str(int(value))
    _logger.info("KIM-FIGURE %s %s", key, text)
