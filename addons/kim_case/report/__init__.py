from . import report_kim_case_goal_agreement
from . import report_kim_case_pseudonymised_summary
