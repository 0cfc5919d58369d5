"""The ``stance_paragraphs`` component: a paragraph break always starts a new sentence.

Runs before the parser, which keeps preset sentence starts. Without it the small model glues a
headline or a dateline onto the first sentence of the body, and the subject of "Rutte characterized …"
becomes the headline. The factory is registered in ``nlp/components.py``.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX
from spacy.tokens import Doc

from stance_reader.nlp.extensions import doc_text


class ParagraphBreaks:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if "\n" not in text:
            return doc
        starts = doc.to_array([IDX]).ravel().tolist()  # token start offsets, code points
        pos = text.find("\n")
        while pos >= 0:
            # The first token starting after this line break opens a sentence.
            nxt = bisect_right(starts, pos)
            if 0 < nxt < len(doc) and not doc[nxt].is_space:
                doc[nxt].is_sent_start = True
            pos = text.find("\n", pos + 1)
        return doc

