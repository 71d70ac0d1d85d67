from . import kim_funding_overview
from . import kim_caseload_report
