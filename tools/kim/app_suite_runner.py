"""Helper of ``kimctl app-suites``: Odoo's server command on an installed
database, whose test run after loading takes the ``at_install`` tests of the
tagged modules too (they run first), so that every test of the apps runs
with the whole registry, KIM included, as the users' server runs them.

Odoo runs ``at_install`` tests only while it installs or updates a module,
in a registry holding just the modules loaded so far: for project, crm, hr,
portal and calendar that is before any KIM addon, so they would see nothing
of KIM. Arguments are Odoo's.
"""

import odoo
from odoo.tests import loader

odoo_make_suite = loader.make_suite


def make_suite(module_names, position="at_install"):
    if position != "post_install":
        return odoo_make_suite(module_names, position)
    tests = [*odoo_make_suite(module_names, "at_install")]
    tests += [*odoo_make_suite(module_names, "post_install")]
    return loader.OdooSuite(tests)


if __name__ == "__main__":
    loader.make_suite = make_suite
    odoo.cli.main()
