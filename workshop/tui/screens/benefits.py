"""Component C: the benefits register, laid out by the benefit's declaration.

What the programme should deliver: the benefit, who gains, how it is measured (baseline, target,
by when), who owns it, and which parts and actions it depends on. The fields, columns and details
lines are declared in workshop/kinds/benefit.py; the screen and form are the generic ones.
"""

from __future__ import annotations

from workshop.kinds.benefit import BENEFICIARIES
from workshop.tui.forms.declared import DeclaredForm
from workshop.tui.forms.register import RegisterScreen
from workshop.tui.screens.register_forms import undo_and_notify


class BenefitForm(DeclaredForm):
    """Add or edit one benefit."""

    KIND = "benefit"


class BenefitsScreen(RegisterScreen, kind="benefit"):
    """The benefits register."""

    BINDING_GROUP_TITLE = "Benefits register"
    PALETTE_GROUP = "Benefits"
    FORM = BenefitForm


__all__ = ["BENEFICIARIES", "BenefitForm", "BenefitsScreen", "undo_and_notify"]
