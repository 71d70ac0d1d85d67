"""Helper of ``kimctl prefork-smoke``: one cron process of the double-start
check (issue #17, §5). Odoo's config arguments come first, then ``--`` and

    race [CODE]  load the registry (with CODE: create a due probe cron running
                 CODE on kim.case and print its id), print READY, wait for GO
                 on stdin, then do what a cron worker does:
                 ir.cron._process_jobs(db)
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
    code = sys.argv[split + 2] if len(sys.argv) > split + 2 else None
    db = config["db_name"]
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(db)
    if code:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            cron = env["ir.cron"].create(
                {
                    "name": "KIM cron race probe",
                    "model_id": env["ir.model"]._get_id("kim.case"),
                    "state": "code",
                    "code": code,
                    "interval_number": 1,
                    "interval_type": "days",
                    "nextcall": datetime.datetime.utcnow()
                    - datetime.timedelta(minutes=1),
                }
            )
            cr.commit()
            print(f"PROBE {cron.id}", flush=True)
    print("READY", flush=True)
    sys.stdin.readline()
    ir_cron = odoo.addons.base.models.ir_cron.ir_cron
    ir_cron._process_jobs(db)
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
