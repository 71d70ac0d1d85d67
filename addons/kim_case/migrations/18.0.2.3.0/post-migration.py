# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.3.0 (issue #21): the KIM intake pipeline gets stages of its own.

The shipped lost reasons are ``noupdate``: the KIM ones get the stage they end
in unless the Kreis set one. Inquiries of the intake team move from Odoo's
general stages to the KIM stages: with a case to "Case Opened", closed ones to
their reason's stage, open ones by the general stage they were in (New,
Qualified, Proposition) or else to "New". Inquiries already in a KIM stage stay.
Contacts recorded before are held contacts (the column default does it)."""

from odoo import SUPERUSER_ID, api

REASON_STAGES = {
    "crm_lost_reason_kim_mbe": "crm_stage_kim_referred",
    "crm_lost_reason_kim_jmd": "crm_stage_kim_referred",
    "crm_lost_reason_kim_other_service": "crm_stage_kim_referred",
    "crm_lost_reason_kim_single_question": "crm_stage_kim_closed",
    "crm_lost_reason_kim_unreachable": "crm_stage_kim_closed",
}
GENERAL_STAGES = {
    "crm.stage_lead1": "crm_stage_kim_new",
    "crm.stage_lead2": "crm_stage_kim_clarifying",
    "crm.stage_lead3": "crm_stage_kim_first_meeting",
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})

    def ref(xmlid):
        if "." not in xmlid:
            xmlid = f"kim_case.{xmlid}"
        return env.ref(xmlid, raise_if_not_found=False)

    for reason_xmlid, stage_xmlid in REASON_STAGES.items():
        reason, stage = ref(reason_xmlid), ref(stage_xmlid)
        if reason and stage and not reason.kim_stage_id:
            reason.kim_stage_id = stage
    new, opened, closed = (
        ref("crm_stage_kim_new"),
        ref("crm_stage_kim_case_opened"),
        ref("crm_stage_kim_closed"),
    )
    if not (new and opened and closed):
        return
    general = {
        ref(source): ref(target)
        for source, target in GENERAL_STAGES.items()
        if ref(source) and ref(target)
    }
    leads = env["crm.lead"].search(
        [("team_id.kim_intake", "=", True), ("stage_id.team_id", "=", False)]
    )
    for lead in leads:
        if lead.kim_case_id:
            stage = opened
        elif not lead.active:
            stage = lead.lost_reason_id.kim_stage_id or closed
        else:
            stage = general.get(lead.stage_id, new)
        # the stage only, without tracking messages
        lead.with_context(tracking_disable=True).write({"stage_id": stage.id})
