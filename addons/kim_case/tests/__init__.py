from . import test_access
from . import test_case
from . import test_consent
from . import test_security_groups
from . import test_ui
from . import test_assessment
from . import test_observation
from . import test_contact_bulk
