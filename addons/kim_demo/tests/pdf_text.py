# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The text of a rendered PDF, read back with poppler's ``pdftotext``."""

import re
import subprocess
import tempfile


def pdf_text(pdf):
    """The text of ``pdf`` without whitespace: long lines wrap in the PDF,
    so expected texts are compared with their whitespace removed too
    (``squeeze``)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return squeeze(text)


def squeeze(text):
    return re.sub(r"\s+", "", text)
