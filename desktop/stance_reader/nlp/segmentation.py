"""The ``stance_paragraphs`` component: a paragraph break always starts a new sentence.

Runs before the parser, which keeps preset sentence starts. Without it the small model glues a
headline or a dateline onto the first sentence of the body, and the subject of "Rutte characterized …"
becomes the headline.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ParagraphBreaks:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[:-1]:
            if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
                doc[tok.i + 1].is_sent_start = True
        return doc


@Language.factory("stance_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks(name)
