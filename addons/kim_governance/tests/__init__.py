from . import test_menus
from . import test_committee
from . import test_theme
from . import test_reconstruction
from . import test_agreement
from . import test_monitoring
from . import test_demo
from . import test_ui
