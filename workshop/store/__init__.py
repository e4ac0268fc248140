"""Workshop sessions on disk: one durable TinyDB file per session (the only package that imports
tinydb). See core.SessionStore and session.Session; the contract is in the team's store-api.md."""

from __future__ import annotations

from .core import SessionInfo, SessionStore, load_file
from .session import Session
from .session_undo import UNDO_LIMIT
from .storage import StoreError

__all__ = ["UNDO_LIMIT", "Session", "SessionInfo", "SessionStore", "StoreError", "load_file"]
