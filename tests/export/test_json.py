"""JSON export read back and checked against export/schema.json (a small structural validator covering
the keywords the schema uses), plus selectors that re-anchor, UTF-16 offsets and raw non-ASCII."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from export_data import GENERATED, HOSTILE_NOTE

from stance_reader.core.offsets import Utf16Map
from stance_reader.export import SCHEMA_PATH, Passage, export_passages

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _is(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, TYPES[name])


def validate(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """Errors of ``value`` against the JSON Schema subset schema.json uses."""
    if "$ref" in schema:
        return validate(value, SCHEMA["$defs"][schema["$ref"].split("/")[-1]], path)
    errors: list[str] = []
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is(value, n) for n in names):
            return [*errors, f"{path}: {type(value).__name__} is not {names}"]
    if "minimum" in schema and isinstance(value, int) and value < schema["minimum"]:
        errors.append(f"{path}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        errors += [f"{path}: missing {k}" for k in schema.get("required", []) if k not in value]
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            errors += [f"{path}: unexpected {k}" for k in value if k not in props]
        for k, sub in props.items():
            if k in value:
                errors += validate(value[k], sub, f"{path}.{k}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            errors.append(f"{path}: {len(value)} items")
        prefix = schema.get("prefixItems", [])
        for i, item in enumerate(value):
            sub = prefix[i] if i < len(prefix) else schema.get("items")
            if sub:
                errors += validate(item, sub, f"{path}[{i}]")
    return errors


def export_json(passages: list[Passage], tmp_path: Path) -> dict[str, Any]:
    export_passages("json", passages, tmp_path / "x.json", generated_at=GENERATED)
    return json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))


def test_validator_catches_a_broken_document() -> None:
    assert validate({"schema": "other"}, SCHEMA)  # the validator itself can fail


def test_export_matches_the_documented_schema(with_automatic: list[Passage], tmp_path: Path) -> None:
    data = export_json(with_automatic, tmp_path)
    assert validate(data, SCHEMA) == []
    assert data["generated_at"] == GENERATED
    assert len(data["annotations"]) == 5 and len(data["documents"]) == 2


def test_selectors_reanchor_in_the_article(passages: list[Passage], tmp_path: Path) -> None:
    data = export_json(passages, tmp_path)
    texts = {
        d["key"]: p.article.text
        for d in data["documents"]
        for p in passages
        if d["content_hash"] == p.article.content_hash
    }
    for ann in data["annotations"]:
        position, quote = ann["target"]["selector"]
        text = texts[ann["target"]["source"]]
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text.endswith(quote["prefix"] + quote["exact"] + quote["suffix"]) or (
            quote["prefix"] + quote["exact"] + quote["suffix"] in text
        )


def test_bodies_carry_kind_speaker_note_and_tags(passages: list[Passage], tmp_path: Path) -> None:
    ann = export_json(passages, tmp_path)["annotations"][0]
    by_purpose = {}
    for body in ann["body"]:
        by_purpose.setdefault(body["purpose"], []).append(body["value"])
    assert by_purpose == {
        "classifying": ["commitment"],
        "identifying": ["Олена Коваль"],
        "commenting": [HOSTILE_NOTE],
        "tagging": ["budget", "€-zone"],
    }
    assert ann["id"] == "highlight/1" and ann["motivation"] == "commenting"


def test_utf16_offsets_count_the_emoji_twice(passages: list[Passage], tmp_path: Path) -> None:
    ann = export_json(passages, tmp_path)["annotations"][0]
    start = ann["target"]["selector"][0]["start"]
    assert ann["stance"]["utf16"]["start"] == start + 1  # one astral character (😀) precedes it
    assert Utf16Map(passages[0].article.text).to_utf16(start) == start + 1


def test_non_ascii_is_written_raw(passages: list[Passage], tmp_path: Path) -> None:
    export_passages("json", passages, tmp_path / "x.json", generated_at=GENERATED)
    raw = (tmp_path / "x.json").read_bytes()
    for needle in ("€12", "Олена", "Weiß", "“", "🙂"):
        assert needle.encode("utf-8") in raw


@pytest.mark.parametrize("origin", ["automatic"])
def test_automatic_passages_are_marked_as_such(
    with_automatic: list[Passage], tmp_path: Path, origin: str
) -> None:
    anns = export_json(with_automatic, tmp_path)["annotations"]
    auto = [a for a in anns if a["stance"]["origin"] == origin]
    assert [a["id"] for a in auto] == [
        f"automatic/1/{auto[0]['target']['selector'][0]['start']}-"
        f"{auto[0]['target']['selector'][0]['end']}/hedge"
    ]
    assert auto[0]["stance"]["rule"] == "hedge.could"
