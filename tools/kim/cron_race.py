"""Helper of ``kimctl prefork-smoke``: one cron process of the double-start
check (issue #17, §5). Odoo's config arguments come first, then ``--`` and

    setup CODE   create a due probe cron running CODE on kim.case, print its id
    race ID      load the registry, print READY, wait for GO on stdin, then do
                 what a cron worker does: ir.cron._process_jobs(db)
"""

import datetime
import sys

import odoo
from odoo.tools import config


def main():
    split = sys.argv.index("--")
    config.parse_config(
        [*sys.argv[1:split], "--log-handler", "odoo.addons.base.models.ir_cron:DEBUG"]
    )
    mode, arg = sys.argv[split + 1 : split + 3]
    db = config["db_name"]
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(db)
    if mode == "setup":
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            cron = env["ir.cron"].create(
                {
                    "name": "KIM cron race probe",
                    "model_id": env["ir.model"]._get_id("kim.case"),
                    "state": "code",
                    "code": arg,
                    "interval_number": 1,
                    "interval_type": "days",
                    "nextcall": datetime.datetime.utcnow()
                    - datetime.timedelta(minutes=1),
                }
            )
            cr.commit()
            print(f"PROBE {cron.id}", flush=True)
        return
    print("READY", flush=True)
    sys.stdin.readline()
    ir_cron = odoo.addons.base.models.ir_cron.ir_cron
    ir_cron._process_jobs(db)
    print(f"DONE {arg}", flush=True)


if __name__ == "__main__":
    main()
