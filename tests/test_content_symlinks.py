"""Content files are untrusted: a symlinked content file is never followed, and a file that is not
the YAML structure expected is refused in one line that repeats nothing of what it holds (a part
file linked to a secrets file once printed the secrets' lines as "unknown field" names)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.test_guide_loader import check, only_problem, shown, write_content

SECRET = "db_password: hunter2-SECRET\napi_token: tok-SECRET-42\nroot: x-SECRET\n"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_content(tmp_path / "content")


def test_a_part_file_that_is_a_symlink_is_not_followed(
    content: Path, tmp_path: Path, capsys
) -> None:
    secret = tmp_path / "secrets.yaml"
    secret.write_text(SECRET, encoding="utf-8")
    link = content / "parts" / "B3.yaml"
    link.unlink()
    link.symlink_to(secret)
    code, out, err = check(capsys, str(content))
    assert code == 1
    assert "SECRET" not in out + err
    problem = only_problem(err)
    assert problem.startswith(f"{shown(link)}: is a symbolic link")
    assert "not followed" in problem


def test_a_symlink_to_a_valid_part_inside_the_folder_is_refused_too(
    content: Path, capsys
) -> None:
    """Chosen rule: every content file must be a regular file, wherever the link points."""
    link = content / "parts" / "B3.yaml"
    real = content / "B3-real.txt"
    link.rename(real)
    link.symlink_to(real)
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert f"{shown(link)}: is a symbolic link" in err


def test_a_symlinked_guide_yaml_is_not_followed(content: Path, tmp_path: Path, capsys) -> None:
    secret = tmp_path / "secrets.yaml"
    secret.write_text(SECRET, encoding="utf-8")
    guide = content / "guide.yaml"
    guide.unlink()
    guide.symlink_to(secret)
    code, out, err = check(capsys, str(content))
    assert code == 1
    assert "SECRET" not in out + err
    assert f"{shown(guide)}: is a symbolic link" in err


def test_a_symlinked_overlay_part_is_not_followed(
    content: Path, tmp_path: Path, capsys
) -> None:
    secret = tmp_path / "secrets.yaml"
    secret.write_text(SECRET, encoding="utf-8")
    parts = tmp_path / "ours" / "parts"
    parts.mkdir(parents=True)
    (parts / "B3.yaml").symlink_to(secret)
    code, out, err = check(capsys, str(content), "--content", str(tmp_path / "ours"))
    assert code == 1
    assert "SECRET" not in out + err
    assert f"{shown(parts / 'B3.yaml')}: is a symbolic link" in err


@pytest.mark.parametrize(
    "text",
    [
        SECRET,  # a mapping of someone else's keys
        "root:x-SECRET:0:0:root:/root:/bin/bash\nbin:x-SECRET:1:1::/bin:\n",  # passwd-like lines
        "- x-SECRET\n- y-SECRET\n",  # a list
        "SECRET: 1\nSECRET: 2\n",  # duplicate keys of someone else's file
        "key-SECRET: [1, 2\n",  # broken YAML
    ],
)
def test_a_file_that_is_not_a_part_file_is_refused_without_echoing_it(
    content: Path, capsys, text: str
) -> None:
    path = content / "parts" / "B3.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = check(capsys, str(content))
    assert code == 1
    assert "SECRET" not in out + err, err
    problem = only_problem(err)
    assert problem.startswith(f"{shown(path)}")
    assert "not a part file" in problem or "invalid YAML" in problem


def test_a_guide_yaml_that_is_not_a_guide_file_is_refused_without_echoing_it(
    content: Path, capsys
) -> None:
    (content / "guide.yaml").write_text(SECRET, encoding="utf-8")
    code, out, err = check(capsys, str(content))
    assert code == 1
    assert "SECRET" not in out + err
    assert f"{shown(content / 'guide.yaml')}: not a guide file" in err


def test_a_real_part_file_with_a_typo_still_names_the_field(content: Path, capsys) -> None:
    """The refusal above must not hide the helpful messages for a part file with a mistake."""
    path = content / "parts" / "B3.yaml"
    path.write_text(path.read_text("utf-8").replace("prompts:", "promts:"), "utf-8")
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert "unknown field (did you mean 'prompts'?)" in err


def test_a_fifo_posing_as_a_part_file_is_refused_without_hanging(content: Path, capsys) -> None:
    path = content / "parts" / "B2.yaml"
    os.mkfifo(path)
    code, _, err = check(capsys, str(content))
    assert code == 1
    assert only_problem(err) == f"{shown(path)}: not a regular file: replace it with a YAML file"
