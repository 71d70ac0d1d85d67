"""The project's command-line tool, one module per command (``kimctl.py``
is the entry point): ``cmd_<name>.py`` holds ``cmd_<name>``; what several
commands share lives in ``common`` (environment, output, paths),
``odoo_env`` (prerequisites, the Odoo command line), ``pg`` (role and
databases) and ``odoo_log`` (reading Odoo's log)."""
