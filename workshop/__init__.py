"""Smart City Workshop: facilitate ISO 37106 stakeholder workshops from a terminal.

Kept import-free on purpose: `workshop --version` and the core modules must not pull in Textual.
"""

__version__ = "0.1.0"
