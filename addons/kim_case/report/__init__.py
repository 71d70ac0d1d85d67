from . import report_kim_case_pseudonymised_summary
from . import report_kim_client_document
