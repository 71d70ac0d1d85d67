"""PostgreSQL: Odoo's login role and the databases of the commands."""

import shutil

from .common import data_dir, die, env, say
from .odoo_env import run_odoo


def pg_params(user=None, dbname="postgres"):
    params = {
        "host": env("KIM_DB_HOST", "127.0.0.1"),
        "port": int(env("KIM_DB_PORT", "5432")),
        "user": user or env("KIM_DB_USER", "kim_odoo"),
        "dbname": dbname,
    }
    if params["user"] == env("KIM_DB_USER", "kim_odoo") and env("KIM_DB_PASSWORD"):
        params["password"] = env("KIM_DB_PASSWORD")
    return params


def pg_connect(**kwargs):
    import psycopg2

    conn = psycopg2.connect(**pg_params(**kwargs))
    conn.autocommit = True
    return conn


def ensure_role():
    """Make sure Odoo's login role exists and may create databases."""
    import psycopg2

    user = env("KIM_DB_USER", "kim_odoo")
    if user == "postgres":
        die("KIM_DB_USER darf nicht 'postgres' sein (Odoo verweigert das).")
    try:
        conn = pg_connect()
        with conn.cursor() as cr:
            cr.execute("SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user")
            (createdb,) = cr.fetchone()
        conn.close()
        if createdb:
            return
    except psycopg2.OperationalError as exc:
        unreachable = "Connection refused" in str(exc) or "could not connect" in str(
            exc
        )
        if unreachable and "does not exist" not in str(exc):
            die(
                "PostgreSQL ist nicht erreichbar / not reachable at "
                f"{pg_params()['host']}:{pg_params()['port']}: {exc}".strip()
            )
    superuser = env("KIM_PG_SUPERUSER", "postgres")
    try:
        conn = pg_connect(user=superuser)
    except psycopg2.OperationalError as exc:
        die(
            f"Die Login-Rolle '{user}' fehlt oder darf keine Datenbanken anlegen, und "
            f"als Superuser '{superuser}' ist keine Verbindung möglich ({exc}).\n"
            f"  Bitte einmalig anlegen: CREATE ROLE {user} LOGIN CREATEDB;"
        )
    with conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,))
        from psycopg2 import sql

        verb = "ALTER" if cr.fetchone() else "CREATE"
        stmt = sql.SQL(verb + " ROLE {} LOGIN CREATEDB").format(sql.Identifier(user))
        if env("KIM_DB_PASSWORD"):
            stmt = sql.SQL("{} PASSWORD {}").format(
                stmt, sql.Literal(env("KIM_DB_PASSWORD"))
            )
        cr.execute(stmt)
    conn.close()
    say(f"PostgreSQL-Rolle '{user}' angelegt/aktualisiert (LOGIN CREATEDB)")


def drop_database(name):
    from psycopg2 import sql

    conn = pg_connect()
    with conn.cursor() as cr:
        cr.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        cr.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
    conn.close()
    shutil.rmtree(data_dir() / "filestore" / name, ignore_errors=True)


def create_database(db, logfile, demo=True, client_langs=()):
    """Fresh DB: base first, then German, then our addons (German loads fully).
    ``client_langs``: further languages the client documents are printed in
    (issue #18), loaded with German so the addons bring their translations."""
    drop_database(db)
    base_args = ["-i", "base", "--stop-after-init"]
    if not demo:
        base_args.append("--without-demo=all")
    say(f"lege Datenbank {db} an (base)")
    if run_odoo(db, *base_args, logfile=logfile):
        die(f"Anlegen der Datenbank {db} fehlgeschlagen, siehe {logfile}")
    langs = ",".join(("de_DE", *client_langs))
    say(f"lade Sprachen {langs}")
    if run_odoo(db, f"--load-language={langs}", "--stop-after-init", logfile=logfile):
        die(f"Laden von {langs} fehlgeschlagen, siehe {logfile}")
    # The Kreis is a German company: with its country set before `account`
    # installs, Odoo auto-installs l10n_de (SKR03, EUR, DIN 5008 layout)
    # instead of the generic chart in USD (the demo books in EUR).
    conn = pg_connect(dbname=db)
    with conn.cursor() as cur:
        cur.execute(
            """UPDATE res_partner SET country_id = (
                   SELECT id FROM res_country WHERE code = 'DE')
                WHERE id = (SELECT partner_id FROM res_company WHERE id = 1)"""
        )
    conn.close()
    # in its own step: the chart is loaded at the end of a module run, and must
    # exist before kim_funding's demo books instalments on its journals
    say("installiere Buchhaltung mit deutschem Kontenrahmen (account, l10n_de)")
    if run_odoo(db, "-i", "account", "--stop-after-init", logfile=logfile):
        die(f"Installation von account fehlgeschlagen, siehe {logfile}")
