from . import auditlog_rule
from . import auditlog_log
from . import ir_actions_report
from . import ir_binary
