from . import test_auditlog_rule
from . import test_auditlog_log
from . import test_security
from . import test_hooks
