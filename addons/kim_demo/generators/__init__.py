# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Generators of the German demo Kreis Warendorf (plain functions over an
``env``): ``cases`` (families and cases in every stage), ``governance``
(Baustein 1), ``accounting`` (money of kim_funding), ``abh_requests``
(Baustein 3) and ``bulk`` (many synthetic cases for tools/bench)."""

from . import abh_requests
from . import accounting
from . import cases
from . import governance
from . import inquiries
from . import stages
