# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.0.0 (issue #15 item 5): signed documents belong to their consent.

Until 18.0.1.0.0 a consent's signed document was an attachment of no record
(or of ``kim.consent`` with id 0, as the upload widget creates it), which Odoo
shows to its uploader only: case managers could not open their clients'
consents. Every such file is bound to its consent now; a file several
consents shared gets a copy per consent (stored once in the filestore).
"""

from odoo import SUPERUSER_ID, api

BATCH = 500


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Consent = env["kim.consent"].with_context(active_test=False)
    cr.execute(
        """
        SELECT DISTINCT r.consent_id
          FROM kim_consent_attachment_rel r
          JOIN ir_attachment a ON a.id = r.attachment_id
         WHERE a.res_field IS NULL
           AND (a.res_model IS NULL OR a.res_model = 'kim.consent')
           AND (a.res_id IS NULL OR a.res_id = 0 OR a.res_id <> r.consent_id)
         ORDER BY r.consent_id
        """
    )
    ids = [row[0] for row in cr.fetchall()]
    for start in range(0, len(ids), BATCH):
        Consent.browse(ids[start : start + BATCH])._kim_bind_documents()
        env.flush_all()
        env.invalidate_all()
