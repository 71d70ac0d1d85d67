# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _kim_code_of(self, language):
        """X-4: the code of the active Odoo language for a language a client
        speaks (``kim.language``), or False when none is active."""
        if not language or not language.code:
            return False
        installed = dict(self.get_installed())
        code = language.code.lower()
        exact = [c for c in installed if c.lower() == code]
        if exact:
            return exact[0]
        # Odoo's code of the language itself first (ar_001, uk_UA, fa_IR …)
        for lang in self.with_context(active_test=True).search(
            [("iso_code", "=ilike", code)]
        ):
            return lang.code
        prefixed = sorted(c for c in installed if c.lower().startswith(code + "_"))
        return prefixed[0] if prefixed else False
