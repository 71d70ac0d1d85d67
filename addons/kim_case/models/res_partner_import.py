# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-5: importing clients from the counties' Excel interim sheets.

Odoo's standard import (``base_import`` → ``res.partner.load``) creates a new
partner for every row that carries no (known) external id. Client lists kept in
Excel contain the same people again and again, so a client row is matched to an
existing client with the same name (case-insensitive, trimmed) and date of birth
and becomes an update of that client instead of a duplicate.

``load`` is all-or-nothing: when any row fails, everything is rolled back and
the messages name the row and field. The matching below happens inside the
same savepoint, so a failed import leaves no trace either.
"""

from odoo import api, fields, models

from ..tools import kim_import_clean, kim_import_messages

# one concern per file (X-5 import, as the brief asks for res.partner extensions)

FALSY_VALUES = {"", "0", "false", "no", "nein", "falsch", "f", "n"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def load(self, fields, data):
        """X-5: match imported clients to existing ones instead of duplicating."""
        data = kim_import_clean(fields, data)
        if not self._kim_import_matches_clients(fields):
            return kim_import_messages(self.env, super().load(fields, data))
        with self.env.cr.savepoint() as savepoint:
            fields, data = self._kim_import_match_clients(fields, data)
            result = super().load(fields, data)
            if not result.get("ids"):
                # the import failed: drop the external ids bound to matches too
                savepoint.rollback()
                self.env.invalidate_all()
                self.env.registry.clear_cache()
        return kim_import_messages(self.env, result)

    @api.model
    def _kim_import_matches_clients(self, import_fields):
        """Matching applies to client imports with name and date of birth and
        without database ids (``.id``: the user chose the records already)."""
        return (
            "name" in import_fields
            and "kim_birthdate" in import_fields
            and ".id" not in import_fields
            and (
                "kim_is_client" in import_fields
                or self.env.context.get("default_kim_is_client")
            )
        )

    @api.model
    def _kim_import_normalize_name(self, name):
        return " ".join((name or "").split()).casefold()

    @api.model
    def _kim_import_match_clients(self, import_fields, data):
        """Return ``(fields, data)`` where every row matching an existing client
        carries an external id bound to that client, so ``load`` updates it.

        Rows with an external id that exists already are left alone (``load``
        updates that record); rows whose date of birth cannot be read are left
        alone too (``load`` reports the invalid date).
        """
        import_fields = list(import_fields)
        data = [list(row) for row in data]
        if "id" not in import_fields:
            import_fields.append("id")
            for row in data:
                row.append("")
        i_xid = import_fields.index("id")
        i_name = import_fields.index("name")
        i_birth = import_fields.index("kim_birthdate")
        i_flag = (
            import_fields.index("kim_is_client")
            if "kim_is_client" in import_fields
            else None
        )
        for row in data:
            # a name of blanks is no name (load then reports the missing name)
            row[i_name] = row[i_name].strip()
        module = self.env.context.get("module", "__import__")

        def full_xid(xid):
            return xid if "." in xid else f"{module}.{xid}"

        IrModelData = self.env["ir.model.data"].sudo()  # justified: looks up and
        # binds external ids of clients the importing user can see (search below)
        known_xids = {
            f"{row[1]}.{row[2]}"
            for row in IrModelData._lookup_xmlids(
                {full_xid(row[i_xid].strip()) for row in data if row[i_xid].strip()},
                self,
            )
        }
        candidates = {}
        for index, row in enumerate(data):
            if i_flag is not None and row[i_flag].strip().lower() in FALSY_VALUES:
                continue
            xid = row[i_xid].strip()
            if xid and full_xid(xid) in known_xids:
                continue
            try:
                birthdate = fields.Date.to_date(row[i_birth].strip() or None)
            except ValueError:
                continue
            name = self._kim_import_normalize_name(row[i_name])
            if birthdate and name:
                candidates[index] = (name, birthdate)
        if not candidates:
            return import_fields, data

        # one query for all rows; only clients the importing user may see
        existing = self.search(
            [
                ("kim_is_client", "=", True),
                ("kim_birthdate", "in", list({b for __, b in candidates.values()})),
            ],
            order="id",
        )
        by_key = {}
        for partner in existing:
            key = (self._kim_import_normalize_name(partner.name), partner.kim_birthdate)
            by_key.setdefault(key, partner)
        for index, key in candidates.items():
            partner = by_key.get(key)
            if not partner:
                continue
            row = data[index]
            xid = row[i_xid].strip() or f"kim_client_{partner.id}"
            if full_xid(xid) not in known_xids:
                module_name, name = full_xid(xid).split(".", 1)
                IrModelData.create(
                    {
                        "module": module_name,
                        "name": name,
                        "model": self._name,
                        "res_id": partner.id,
                    }
                )
                known_xids.add(full_xid(xid))
            row[i_xid] = xid
        return import_fields, data
