"""Tokenizer rules the English model lacks: quotation marks glued to the words around them.

Text pasted from web pages often loses the space at a quotation's edge: 'Ryan said,“Look, …' or
'“We will win,”said Ryan.' or a list of headlines run together ('ratings.”Exclusive'). spaCy keeps
'said,“Look' and 'win,”said' as single tokens, so no quote opens or closes there and the sentence
splitter misses the boundary. These infixes split the mark, and a , . ! ? ; : glued before it, off
the words; a straight " only when punctuation precedes it ('well."Clinton'), since a straight mark
between two letters may be an inch sign or a typo inside a word.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex

GLUED_QUOTE_INFIXES = (
    r"(?<=\w)[,.!?;:](?=[\u201c\u201d\"]\w)",  # the punctuation between a word and a glued mark
    r"(?<=[\w,.!?;:])[\u201c\u201d](?=\w)",  # a curly mark glued to the next word
    r"(?<=[,.!?;:])\"(?=\w)",  # a straight mark after punctuation, glued to the next word
)


def split_glued_quotes(nlp: Language) -> None:
    """Add the glued-quote infixes to ``nlp``'s tokenizer (in place)."""
    infixes = [*nlp.Defaults.infixes, *GLUED_QUOTE_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
