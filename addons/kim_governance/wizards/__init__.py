from . import kim_monitoring_wizard
