"""Tokenizer rules the English model lacks: quotation marks glued to the words around them.

Text pasted from web pages often loses the space at a quotation's edge: 'Ryan said,“Look, …',
'“We will win,”said Ryan.', '“Yes.”“No.”', a list of headlines run together ('ratings.”Exclusive').
spaCy keeps 'said,“Look', 'win,”said' and '”“No' as single tokens, so no quote opens or closes there
and the sentence splitter misses the boundary. A curly mark is never part of a word, so it is split off
wherever it stands, with a , . ! ? ; : … glued before it; a straight " only when punctuation precedes
it ('well."Clinton'), since between two letters it may be an inch sign or a typo inside a word.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex

GLUED_QUOTE_INFIXES = (
    r"(?<=\w)[,.!?;:\u2026](?=[\u201c\u201d\"])",  # the punctuation between a word and a glued mark
    r"[\u201c\u201d]",  # a curly mark inside a token
    r"(?<=[,.!?;:\u2026])\"(?=\w)",  # a straight mark after punctuation, glued to the next word
)


def split_glued_quotes(nlp: Language) -> None:
    """Add the glued-quote infixes to ``nlp``'s tokenizer (in place)."""
    infixes = [*nlp.Defaults.infixes, *GLUED_QUOTE_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
