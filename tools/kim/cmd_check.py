"""``kimctl check``: the prerequisites only."""

from .common import say
from .odoo_env import check_odoo
from .pg import ensure_role


def cmd_check(_args):
    version = check_odoo()
    say(f"Odoo {version} importierbar")
    ensure_role()
    say("PostgreSQL-Rolle vorhanden")
