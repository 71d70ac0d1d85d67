from . import kim_abh_statistics_report
