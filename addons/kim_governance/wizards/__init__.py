from . import kim_monitoring_wizard
from . import kim_integreat_sync
from . import kim_integreat_sync_line
