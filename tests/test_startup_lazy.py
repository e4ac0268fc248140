"""Start-up shows the session list before the bundled guide is loaded; the guide follows right
after, and a guide that fails to load still ends as one line and exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from workshop import cli
from workshop.errors import WorkshopError
from workshop.guide import loader
from workshop.store import SessionStore
from workshop.tui import app as app_module
from workshop.tui.app import WorkshopApp


def test_store_part_check_runs_only_when_needed(sessions_path: Path) -> None:
    asked: list[int] = []

    def parts() -> list[str]:
        asked.append(1)
        return ["B1", "B2"]

    store = SessionStore(sessions_path, known_parts=parts)
    assert store.list() == [] and asked == []  # listing never needs the guide
    with pytest.raises(WorkshopError, match="ZZ"):
        store.create("Bad agenda", agenda=[{"part": "ZZ", "timebox": 10}])
    store.create("Good", agenda=[{"part": "B2", "timebox": 10}]).close()
    assert asked == [1]  # asked once, then remembered
    assert store.known_parts == frozenset({"B1", "B2"})


async def test_home_lists_sessions_before_the_guide_is_loaded(
        sessions_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    SessionStore(sessions_path).create("Harbour", agenda=[{"part": "B1", "timebox": 5}]).close()
    rows_when_loading: list[int] = []
    real = loader.load_guide

    def counting(overlays=()):
        # What the facilitator already sees when the guide starts loading (no timing race).
        rows_when_loading.append(app.screen.query_one(DataTable).row_count)
        return real(overlays)

    monkeypatch.setattr(loader, "load_guide", counting)
    app = WorkshopApp(guide=None, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):  # wait (up to ~5 s on a slow machine) for the deferred load
            if rows_when_loading:
                break
            await pilot.pause(0.05)
        assert rows_when_loading == [1]  # the list was on screen before the guide loaded
        await pilot.pause()
        assert app.guide.parts and rows_when_loading == [1]
        # the store now checks parts against the guide
        with app.store.open("Harbour") as session, pytest.raises(WorkshopError):
            session.set_agenda([{"part": "NOPE", "timebox": 5}])


def test_a_bundled_guide_that_fails_is_one_line_and_exit_1(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(overlays=()):
        raise WorkshopError("problem in content folder content: B1.yaml: simulated")

    monkeypatch.setattr(loader, "load_guide", broken)

    class Headless(WorkshopApp):
        def run(self, *args, **kwargs):
            kwargs.update(headless=True, size=(80, 24))
            return super().run(*args, **kwargs)

    monkeypatch.setattr(app_module, "WorkshopApp", Headless)
    assert cli.main([]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["workshop: error: problem in content folder content: B1.yaml: simulated"]


def test_own_content_with_a_mistake_fails_before_the_app_starts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def no_app(*args, **kwargs):
        raise AssertionError("the app must not start")

    monkeypatch.setattr(app_module, "WorkshopApp", no_app)
    # a folder that is not there is a bad argument (exit 2) ...
    assert cli.main(["--content", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workshop: error: ") and "missing" in err and err.count("\n") == 1
    # ... and a folder whose content is wrong is bad content (exit 1), both before the app
    mine = tmp_path / "mine" / "parts"
    mine.mkdir(parents=True)
    (mine / "B3.yaml").write_text("id: B3\nprompts: no\n", encoding="utf-8")
    assert cli.main(["--content", str(tmp_path / "mine")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("workshop: error: ") and err.count("\n") == 1
