# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_case_demo
from . import test_demo_consistency
from . import test_demo_walk
from . import test_governance_demo
from . import test_proof_of_use_pdf
from . import test_committee_report_pdf
