from . import kim_abh_topic
from . import kim_abh_campaign
from . import kim_abh_readiness_rule
from . import kim_abh_request
from . import kim_case
from . import res_partner
from . import res_users
from . import calendar_event
