"""Helper of ``kimctl app-suites``: Odoo's server command on an installed
database that runs every test of the tagged modules, ``at_install`` ones
first, after the whole registry is loaded, KIM included, as the users'
server runs the apps.

Odoo runs ``at_install`` tests while it loads each module, in a registry
holding just the modules loaded so far: project, crm, hr, portal and calendar
load before any KIM addon (and crm before project), so there they would see
none of KIM's code and fail on the other apps' records. Arguments are Odoo's.
"""

import odoo
from odoo.tests import loader

odoo_make_suite = loader.make_suite


def make_suite(module_names, position="at_install"):
    if position != "post_install":  # while loading: nothing yet
        return loader.OdooSuite([])
    tests = [*odoo_make_suite(module_names, "at_install")]
    tests += [*odoo_make_suite(module_names, "post_install")]
    return loader.OdooSuite(tests)


if __name__ == "__main__":
    loader.make_suite = make_suite
    odoo.cli.main()
