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
from odoo.tools import config


def patch_loader():
    """Odoo's loader, patched: nothing while modules load, every test of the
    tagged modules (at_install, then post_install) once all are loaded."""
    from odoo.tests import loader  # imported once test mode is set

    odoo_make_suite = loader.make_suite

    def make_suite(module_names, position="at_install"):
        if position != "post_install":  # while loading: nothing yet
            return loader.OdooSuite([])
        tests = [*odoo_make_suite(module_names, "at_install")]
        tests += [*odoo_make_suite(module_names, "post_install")]
        return loader.OdooSuite(tests)

    loader.make_suite = make_suite


if __name__ == "__main__":
    config["test_enable"] = True  # the runner runs tests (--test-enable)
    patch_loader()
    odoo.cli.main()
