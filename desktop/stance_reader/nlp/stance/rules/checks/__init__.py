"""Checks a rule may ask for under ``when``, by theme; ``registry`` maps the rule files' names to them.

Each check is ``(engine, hit, arg, anchor, verb) -> bool`` and returns True when the match may stand;
``arg`` is the rule's value for it (``true``, a list of words or a ``"@lexicon"``), ``anchor`` the token
whose clause the rule governs and ``verb`` the verb that token depends on. Word lists come from
``engine.lexicon("@name")`` (``models/stance_lexicons.jsonl``).
"""
