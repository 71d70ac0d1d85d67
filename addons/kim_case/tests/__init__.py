from . import test_access
from . import test_case
from . import test_consent
from . import test_security_groups
from . import test_ui
from . import test_import
from . import test_demo
