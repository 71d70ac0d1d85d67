# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Small helpers shared by kim_case's models (and the other KIM addons)."""

from odoo import Command


def x2many_ids_after(commands, current_ids):
    """Ids an x2many field holds after a write of ``commands`` (checks that must
    run before writing). A plain list of ids replaces the value, as in Odoo."""
    if commands and all(isinstance(command, int) for command in commands):
        return list(commands)
    ids = list(current_ids)
    for command in commands or []:
        if command[0] == Command.SET:
            ids = list(command[2])
        elif command[0] == Command.LINK:
            ids.append(command[1])
        elif command[0] in (Command.UNLINK, Command.DELETE):
            ids = [i for i in ids if i != command[1]]
        elif command[0] == Command.CLEAR:
            ids = []
    return ids
