# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Threat-scenario suite (issue #7), scenario 1: the role × model × operation
matrix, shared by the four addons. No test methods here.

Each addon's ``test_threat_access.py`` holds an expectation table for every
``kim.*`` model the addon defines (found in the registry, so a new model without
a row fails the test) plus the standard models it extends with case links, and
a sample factory per row. A row reads::

    "kim.case": "crw- ---- -rw- crwd ---- ---- ---- ----",

one group of four letters per role in ``ROLES`` order, for create, read, write
and unlink (``c r w d``) on a record of organisation A (the KI, case manager
CM-A): a letter is an operation that must succeed, ``-`` one that must raise
``AccessError`` and ``x`` one that a business rule refuses (``UserError``,
``ValidationError`` or a database constraint, no access question). Every cell
is really exercised: a record is created, read, written or deleted as that
user inside a savepoint that is rolled back afterwards.
"""

import itertools
from dataclasses import dataclass, field

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

ROLES = (
    "cm_a",
    "cm_b",
    "coordination",
    "lead",
    "finance",
    "steering",
    "authority",
    "portal",
)
OPS = ("create", "read", "write", "unlink")
LETTERS = "crwd"
_counter = itertools.count(1)


def unique(prefix="T"):
    """A fresh name (for models with unique names)."""
    return f"{prefix} {next(_counter)}"


@dataclass
class Sample:
    """How to exercise one row: ``vals`` (callable) gives create values for
    a record of organisation A; ``write`` the values a write tries (a dict or a
    callable taking the record); ``make`` (optional callable) creates the record
    to read/write/unlink instead of ``create(vals())`` as ``owner``;
    ``model`` is the real model of a row named ``model:variant``; ``per_user``
    calls ``vals(user)`` with the acting user (a record that names its creator,
    issue #15); ``self_record`` exercises the acting user's own res.users."""

    vals: object
    write: object = field(default_factory=dict)
    make: object = None
    owner: str = None
    model: str = None
    read_fields: tuple = ("display_name",)
    # vals(user): create values that name the acting user (self-made links)
    per_user: bool = False
    # the record read/written/deleted is the acting user's own res.users
    self_record: bool = False


class _Rollback(Exception):
    pass


class _SampleError(Exception):
    pass


def parse_row(row):
    groups = row.split()
    if len(groups) != len(ROLES) or any(len(g) != 4 for g in groups):
        raise ValueError(f"bad matrix row {row!r}")
    return {
        role: tuple(
            "x" if ch == "x" else ch != "-" for ch in group
        )  # True allowed, False AccessError, "x" business refusal
        for role, group in zip(ROLES, groups, strict=True)
    }


class ThreatMatrixMixin:
    """Mixed into a fixture class (``KimCaseCommon`` or a descendant)."""

    def _threat_users(self):
        return {role: getattr(self, f"user_{role}") for role in ROLES}

    def _threat_registry_models(self, addon):
        """Every concrete ``kim.*`` model defined by ``addon``."""
        return sorted(
            name
            for name, Model in self.env.registry.items()
            if name.startswith("kim.")
            and not Model._abstract
            and Model._original_module == addon
        )

    def _threat_make(self, sample, model):
        owner = self._threat_users()[sample.owner] if sample.owner else None
        env = self.env(user=owner) if owner else self.env
        if sample.make:
            return sample.make()
        return env[model].create(
            sample.vals(env.user) if sample.per_user else sample.vals()
        )

    def _threat_attempt(self, sample, model, role, op, user):
        """Run one cell; True when it worked, False on AccessError, "x" on a
        business refusal, else a text for the mismatch report."""
        try:
            with (
                self.env.cr.savepoint(),
                mute_logger(
                    "odoo.models",
                    "odoo.models.unlink",
                    "odoo.addons.base.models.ir_rule",
                    "odoo.sql_db",
                ),
            ):
                Model = self.env[model].with_user(user)
                if op == "create":
                    Model.create(
                        sample.vals(user) if sample.per_user else sample.vals()
                    )
                else:
                    try:
                        record = (
                            user
                            if sample.self_record
                            else self._threat_make(sample, model)
                        ).with_user(user)
                    except Exception as error:
                        raise _SampleError(repr(error)[:160]) from error
                    if op == "read":
                        record.read(list(sample.read_fields))
                    elif op == "write":
                        values = sample.write
                        record.write(values(record) if callable(values) else values)
                    else:
                        record.unlink()
                self.env.flush_all()
                raise _Rollback
        except _Rollback:
            outcome = True
        except _SampleError as error:
            outcome = f"sample not created: {error}"
        except AccessError:
            outcome = False
        except (UserError, ValidationError, IntegrityError):
            outcome = "x"
        except Exception as error:  # reported as a mismatch below
            outcome = f"{type(error).__name__}: {str(error)[:160]}"
        self.env.invalidate_all()
        return outcome

    def _threat_run_matrix(self, addon, table, samples, standard=()):
        """Check the table against the registry and exercise every cell.

        Returns (cells tested, cells in the matrix); fails with the list of
        every mismatching cell."""
        models = self._threat_registry_models(addon)
        missing = sorted(set(models) - set(table))
        self.assertFalse(missing, f"KIM models of {addon} without a matrix row")
        self.assertEqual(
            sorted(table), sorted([*models, *standard]), "matrix rows vs. models"
        )
        self.assertEqual(sorted(samples), sorted(table), "a sample per row")
        users = self._threat_users()
        mismatches, tested = [], 0
        for key, row in table.items():
            sample = samples[key]
            model = sample.model or key
            for role, expected in parse_row(row).items():
                for op, want in zip(OPS, expected, strict=True):
                    got = self._threat_attempt(sample, model, role, op, users[role])
                    if got == want:
                        tested += 1
                    else:
                        mismatches.append(f"{key} {role} {op}: want {want} got {got}")
        self.assertFalse(mismatches, "\n" + "\n".join(mismatches))
        return tested, len(table) * len(ROLES) * len(OPS)
