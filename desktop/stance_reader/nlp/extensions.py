"""Doc extension attributes the stance components share (registered once, idempotently).

Components write plain ``core`` objects here, in code points relative to the Doc's text:
- ``doc._.stance_marks``: list[Mark] from the hedge/commitment component (speaker left None);
- ``doc._.stance_quotes``: list[Quote] from the attribution component;
- ``doc._.stance_entities``: list[Entity] from the entity component (canonical names merged).
The pipeline fills in each mark's speaker from the quotes afterwards.
"""

from __future__ import annotations

from spacy.tokens import Doc

_NAMES = ("stance_marks", "stance_quotes", "stance_entities")


def register() -> None:
    for name in _NAMES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()

_TEXT_KEY = "stance_text"


def remember_text(doc: Doc, text: str) -> Doc:
    """Give a freshly tokenised Doc the text it was made from, so no component has to rebuild it."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once per Doc: ``Doc.text`` joins every token on each access, and five
    components (and some per-mention helpers) read it. Retokenising never changes the text."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text
