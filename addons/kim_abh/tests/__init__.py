from . import test_menus
from . import test_consent_gate
from . import test_authority_access
from . import test_request_flow
from . import test_readiness
from . import test_campaign_statistics
from . import test_ui
from . import test_audit_erasure
