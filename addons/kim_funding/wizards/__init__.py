from . import kim_funding_overview
