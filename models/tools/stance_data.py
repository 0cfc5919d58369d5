"""Readers of the permitted training sources for the stance decider (see train_stance.py).

Each reader yields ``Sentence`` rows: the text as the evaluation tools build it, the source, a group for
document-grouped folds, the sentence label, and, where the source annotates them, the character spans of
its speculation cues.
"""

from __future__ import annotations

import glob
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


@dataclass(slots=True)
class Sentence:
    text: str
    source: str  # bioscope_papers | sfu | wiki | campaign
    group: str  # folds never split a group
    label: str  # hedge | commitment | neutral
    cues: list[tuple[int, int]] | None = None  # speculation cue spans; None where not annotated
    in_context: bool = False  # parsed inside its whole document (campaign releases)


def load_all(root: Path) -> list[Sentence]:
    return [*bioscope_papers(root), *sfu(root), *wiki(root), *campaign(root)]


def bioscope_papers(root: Path) -> list[Sentence]:
    tree = ET.parse(root / "bioscope" / "full_papers.xml").getroot()
    out: list[Sentence] = []
    for d, doc in enumerate(tree.iter("Document")):
        for p, part in enumerate(doc.iter("DocumentPart")):
            for sent in part.iter("sentence"):
                raw, spans = _walk(sent)
                text, cues = _normalise(raw, spans)
                if text:
                    label = "hedge" if cues else "neutral"
                    out.append(Sentence(text, "bioscope_papers", f"bio{d}-{p // 4}", label, cues))
    return out


def _walk(el: ET.Element) -> tuple[str, list[tuple[int, int]]]:
    """The element's text and the raw spans of its speculation cues."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []

    def visit(node: ET.Element) -> None:
        start = sum(map(len, parts))
        if node.text:
            parts.append(node.text)
        for child in node:
            visit(child)
            if child.tail:
                parts.append(child.tail)
        if node.tag == "cue" and node.get("type") == "speculation":
            spans.append((start, sum(map(len, parts))))

    visit(el)
    return "".join(parts), spans


def _normalise(raw: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Collapse whitespace runs and strip, as the evaluation tool does, carrying the spans along."""
    out: list[str] = []
    index: list[int] = []  # raw position -> normalised position
    pos = 0
    for m in re.finditer(r"\s+|\S+", raw):
        piece = " " if m.group().isspace() else m.group()
        index.extend([pos] * len(m.group()))
        out.append(piece)
        pos += len(piece)
    index.append(pos)
    joined = "".join(out)
    lead = len(joined) - len(joined.lstrip())
    text = joined.strip()
    cues = [(max(0, index[s] - lead), min(len(text), index[e] - lead)) for s, e in spans]
    return text, [(s, e) for s, e in cues if e > s]


def sfu(root: Path) -> list[Sentence]:
    out: list[Sentence] = []
    for i, f in enumerate(sorted(glob.glob(str(root / "sfu_review_negspec" / "*" / "*.xml")))):
        for s in ET.parse(f).getroot().iter("SENTENCE"):
            words: list[str] = []
            cues: list[tuple[int, int]] = []
            _sfu_words(s, False, words, cues)
            text = " ".join(words)
            if text:
                label = "hedge" if cues else "neutral"
                out.append(Sentence(text, "sfu", f"sfu{i}", label, cues))
    return out


def _sfu_words(node: ET.Element, in_cue: bool, words: list[str], cues: list[tuple[int, int]]) -> None:
    for child in node:
        cue = in_cue or (child.tag == "cue" and child.get("type") == "speculation")
        if child.tag == "W" and child.text:
            start = sum(len(w) + 1 for w in words)
            words.append(child.text)
            if cue:
                cues.append((start, start + len(child.text)))
        else:
            _sfu_words(child, cue, words, cues)


def wiki(root: Path) -> list[Sentence]:
    rows = _jsonl(root / "wiki_weasel" / "train.jsonl")
    # No document ids: neighbouring sentences come from one article, so blocks of 25 stay together.
    return [
        Sentence(r["text"], "wiki", f"wiki{i // 25}", "hedge" if r["label"] == "hedge" else "neutral")
        for i, r in enumerate(rows)
    ]


def campaign(root: Path) -> list[Sentence]:
    rows = _jsonl(root / "campaign_commitments" / "dev.jsonl")
    return [
        Sentence(r["text"], "campaign", r["doc"], "commitment" if r["label"] == "commitment" else "neutral",
                 in_context=True)
        for r in rows
    ]


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
