"""The ``stance_entities`` spaCy component: writes ``doc._.stance_entities`` (cleaned, patched mentions
with canonical names), using the span helpers, type corrections and alias merging of this package."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain
from pathlib import Path

from spacy.attrs import DEP, ENT_TYPE, IS_TITLE, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from stance_reader.core.models import Entity
from stance_reader.nlp.datelines import dateline_names, line_starts
from stance_reader.nlp.entities.aliases import (
    PERSON,
    SURNAME_PARTICLES,
    NameHints,
    clean_name,
    particle_surname,
    resolve_names,
)
from stance_reader.nlp.entities.data import (
    GAZETTEER_FILE,
    GIVEN_NAMES_FILE,
    NICKNAMES_FILE,
    RULES_FILE,
    TYPES_FILE,
    Gazetteer,
    Place,
    TitleRules,
    TypeWords,
    _default_rules_dir,
    load_given_names,
    load_nicknames,
)
from stance_reader.nlp.entities.spans import (
    _HEADLINE_GUESSES,
    _PLACE_PREPOSITIONS,
    _RELABELLED,
    _SHORT,
    _after_the,
    _in_title_case_line,
    _is_law,
    _join_people,
    _locative,
    _name_like,
    _name_word,
    _tidy,
    _trim,
    acronym_spans,
    positions_of,
)
from stance_reader.nlp.entities.types import TypeCorrector, names_after_the, speech_source
from stance_reader.nlp.extensions import doc_text  # also registers doc._.stance_entities


class EntityComponent:
    """Writes ``doc._.stance_entities``: cleaned, patched entity mentions with canonical names."""

    def __init__(self, nlp: Language, name: str, rules_dir: str = "") -> None:
        self.name = name
        folder = Path(rules_dir) if rules_dir else _default_rules_dir()
        self.rules = TitleRules.load(folder / RULES_FILE)
        self.gazetteer = Gazetteer.load(folder / GAZETTEER_FILE)
        self.given_gender = load_given_names(folder / GIVEN_NAMES_FILE)
        self.nicknames = load_nicknames(folder / NICKNAMES_FILE)
        self.types = TypeCorrector(TypeWords.load(folder / TYPES_FILE), frozenset(self.given_gender),
                                   self.gazetteer, self.rules.titles, self.rules.speech_lemmas)
        # ORTH, i.e. case-sensitive: "Turkey" the country, not "turkey"; "US", not "us".
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = sorted(self.gazetteer.names)
        self.matcher.add("PLACE", list(nlp.tokenizer.pipe(forms)))
        if self.gazetteer.anaphora:
            self.matcher.add("SHORT", list(nlp.tokenizer.pipe(sorted(self.gazetteer.anaphora))))

    def __call__(self, doc: Doc) -> Doc:
        mentions, expansions = self._mentions(doc)
        spans = self._with_gazetteer(doc, mentions)
        names = [clean_name(s.text, s.label_, self.rules.titles) for s in spans]
        named = self.types.article_labels(spans, self._correct_labels(doc, spans, names))
        named = [(expansions[n], "ORG") if n in expansions else (self._listed_org(n, lab), lab)
                 for n, lab in named]
        # Hints only tell people apart; reading them for dates and places would be wasted work.
        hints = [self._hints(doc, s) if lab == PERSON else None
                 for s, (_, lab) in zip(spans, named, strict=True)]
        resolved = resolve_names(named, hints, self.given_gender, self.nicknames)
        entities = []
        text = doc_text(doc)
        for span, (canonical, label) in zip(spans, resolved, strict=True):
            start, end = _trim(text, span.start_char, span.end_char)
            if canonical and end > start:
                entities.append(Entity(start, end, label, canonical))
        doc._.stance_entities = self._without_headline_guesses(text, entities)
        return doc

    def _without_headline_guesses(self, text: str, entities: list[Entity]) -> list[Entity]:
        """In a title-case heading every word is capitalised, so the small model calls phrases like
        "Lukewarm Reception" an organisation. A name found only in headings, and not a listed place or
        body, is dropped; one the body also names is kept."""
        in_heading = [_in_title_case_line(text, e.start) for e in entities]
        if not any(in_heading):
            return entities
        body = {e.canonical for e, head in zip(entities, in_heading, strict=True) if not head}
        return [
            e for e, head in zip(entities, in_heading, strict=True)
            if not head or e.label not in _HEADLINE_GUESSES or e.canonical in body
            or self.gazetteer.lookup(e.canonical) is not None
        ]

    def _listed_org(self, name: str, label: str) -> str:
        """An organisation the model tagged under a listed short form ("the Fed") files under the listed
        name ("Federal Reserve"); a form too ambiguous to match on its own ("Fed up with …") still
        names the body where the model reads a name."""
        if label != "ORG":
            return name
        place = self.gazetteer.lookup(name)
        return place.canonical if place is not None and place.label == "ORG" else name

    def _hints(self, doc: Doc, span: Span) -> NameHints:
        """Title words written inside the span or just before it ("Mrs", "Senator", "Prime Minister")."""
        words = [w.lower().rstrip(".") for w in span.text.split()]
        inside = []
        for word in words[:-1]:
            if word not in self.rules.titles:
                break
            inside.append(word)
        before = []
        i = span.start - 1
        while i >= 0 and span.start - i <= 4 and doc[i].lower_.rstrip(".") in self.rules.titles:
            before.append(doc[i].lower_.rstrip("."))
            i -= 1
        found = before + inside
        gender = next((self.rules.gender[w] for w in found if w in self.rules.gender), None)
        subject = span.root.dep_ in ("nsubj", "nsubjpass") or speech_source(span, self.rules.speech_lemmas)
        return NameHints(frozenset(w for w in found if w not in self.rules.gender), gender, subject)

    def _mentions(self, doc: Doc) -> tuple[list[Span], dict[str, str]]:
        """The mentions with their types corrected, and the acronyms the article spells out
        ("National Freight Association (NFA)": NFA -> National Freight Association)."""
        tidy = [t for t in (_tidy(e, self.rules.titles) for e in _join_people(doc))
                if t is not None and not _office_word(t)]
        after_the = names_after_the(tidy, self.rules.titles)
        ents = [self._with_hyphenated_given_name(self.types.relabel(t, after_the)) for t in tidy]
        ents = [self._with_given_name_before(e, ents) for e in ents]
        ents, expansions = acronym_spans(doc, ents, self.rules.titles)
        taken = {t.i for e in ents for t in e}
        extra: list[Span] = []
        for span in chain(_dateline_spans(doc), self._patches(doc)):
            if not any(t.i in taken for t in span):
                extra.append(span)
                taken.update(t.i for t in span)
        found = ents + extra
        found += self._known_surnames(doc, found)
        found += _known_bodies(doc, found)
        found = _with_surname_particles(found, self.rules.titles)
        people = frozenset(clean_name(e.text, PERSON, self.rules.titles) for e in found if e.label_ == PERSON)
        people |= {n.split(" ")[-1] for n in people}
        surnames = {n.split(" ")[-1].lower() for n in people if " " in n}  # "Prince" of Matthew Prince
        kept = [m for m in (self.types.as_modifier(e, people) for e in found)
                if m is not None and not _only_titles(m, self.rules.titles, self.rules.heads - surnames)]
        return sorted(kept, key=lambda s: s.start), expansions

    def _with_hyphenated_given_name(self, span: Span) -> Span:
        """A person whose name the model starts after the hyphen of a given name ("Willem van der Berg"
        of "Jan-Willem van der Berg"): the whole name, when the word before the hyphen is a given name
        (never "Trump-Clinton")."""
        doc, left = span.doc, span.start
        if span.label_ != PERSON or left < 2 or not self.types.given_name(doc[left - 2]):
            return span
        start = _hyphenated_start(doc, left)
        return span if start == left else Span(doc, start, span.end, label=PERSON)

    def _with_given_name_before(self, span: Span, ents: list[Span]) -> Span:
        """One word the model took for a place or body right after a given name it left out ("Ana
        [Beltran]"): the person "Ana Beltran", unless the word is a listed place or body."""
        doc, left = span.doc, span.start
        if span.label_ not in ("GPE", "ORG", "NORP") or len(span) != 1 or left == 0:
            return span
        given = doc[left - 1]
        if not self.types.given_name(given) or any(e.start <= given.i < e.end for e in ents):
            return span
        if self.gazetteer.lookup(span.text) is not None:
            return span
        return Span(doc, left - 1, span.end, label=PERSON)

    def _known_surnames(self, doc: Doc, found: list[Span]) -> list[Span]:
        """A known person's surname the model skipped elsewhere ("Zelenskyy underscored ..."), with the
        given names before it ("Councillor Nadia Pryce" -> "Nadia Pryce", another Pryce); other
        capitalised words stay out (a heading: "Ministers Weigh Kellner")."""
        titles = self.rules.titles
        taken = {t.i for e in found for t in e}
        surnames = {
            clean_name(e.text, PERSON, titles).split(" ")[-1]
            for e in found
            if e.label_ == PERSON and " " in clean_name(e.text, PERSON, titles)
        }
        out = []
        for i in positions_of(doc, surnames):
            tok = doc[i]
            if tok.i in taken or not tok.is_title:
                continue
            left = tok.i
            while left > 0 and left - 1 not in taken and self.types.given_name(doc[left - 1]):
                left -= 1
                left = _hyphenated_start(doc, left, taken)
            out.append(Span(doc, left, tok.i + 1, label=PERSON))
            taken.update(range(left, tok.i + 1))
        return out

    def _with_gazetteer(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """The mentions plus listed names the model missed; a listed name that covers model spans
        ("Jordan" inside "Jordan River") replaces them. A match crossing a model span loses."""
        owner: dict[int, int] = {t: n for n, s in enumerate(spans) for t in range(s.start, s.end)}
        drop: set[int] = set()
        extra: list[Span] = []
        short_id = doc.vocab.strings["SHORT"]
        matches = filter_spans([Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)])
        for match in matches:
            hit = {owner[t] for t in range(match.start, match.end) if t in owner}
            if any(spans[n].start < match.start or spans[n].end > match.end for n in hit):
                continue  # inside or across a longer mention ("Paris Hilton"): the model's span stands
            if match.label == short_id:
                if not hit and _after_the(match):
                    extra.append(Span(doc, match.start, match.end, label=_SHORT))  # resolved or dropped later
                continue
            place = self.gazetteer.lookup(match.text)
            if place is None or (not hit and place.ambiguous):
                continue
            if not all(self._may_relabel(doc, spans, spans[n], match.text, place) for n in hit):
                continue
            drop |= hit
            extra.append(Span(doc, match.start, match.end, label=place.label))
        kept = [s for n, s in enumerate(spans) if n not in drop]
        return sorted(kept + extra, key=lambda s: s.start)

    def _may_relabel(self, doc: Doc, spans: Sequence[Span], span: Span, name: str, place: Place) -> bool:
        """May the listed place overrule the label of this span? Never DATE, MONEY and the like; an
        ambiguous name ("Amazon", "Atlantic") never overrules ORG, only GPE/LOC or PERSON in context."""
        if span.label_ == PERSON:
            return self._is_place(doc, spans, span, name)
        if place.ambiguous:
            return span.label_ in ("GPE", "LOC")
        return span.label_ in _RELABELLED

    def _is_place(self, doc: Doc, spans: Sequence[Span], span: Span, name: str) -> bool:
        """May a span the model called PERSON be the listed place? Not after a title ("President
        Jordan") or when it is a person's name part elsewhere; an ambiguous name only after in/to/from/at."""
        place = self.gazetteer.lookup(name)
        if place is None:
            return False
        before = doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        if before in self.rules.titles:
            return False
        words = {w for s in spans if s.label_ == PERSON and len(s) > 1 and s.start != span.start
                 for w in clean_name(s.text, PERSON, self.rules.titles).split(" ")}
        if _locative(span):
            return True
        if name in words:
            return False
        return not place.ambiguous or before in _PLACE_PREPOSITIONS

    def _correct_labels(self, doc: Doc, spans: Sequence[Span], names: Sequence[str]) -> list[tuple[str, str]]:
        """(name, label) per span after the gazetteer, the LAW suffix rule and "the Commission" anaphora."""
        out: list[tuple[str, str]] = []
        recent: dict[str, int] = {}  # canonical full name -> index of its last mention
        for n, (span, name) in enumerate(zip(spans, names, strict=True)):
            label = span.label_
            place = self.gazetteer.lookup(name)
            if label == _SHORT:  # a short form we added: only kept when it resolves to a full name
                label, name = "ORG", name if any(f in recent for f in self.gazetteer.anaphora[name]) else ""
            if place is not None and self._may_relabel(doc, spans, span, name, place):
                name, label = place.canonical, place.label
            elif (place is None and name in self.gazetteer.anaphora and label in _RELABELLED | {"ORG"}
                  and _after_the(span)):
                fulls = [f for f in self.gazetteer.anaphora[name] if f in recent]
                if fulls:
                    name, label = max(fulls, key=recent.__getitem__), "ORG"
            elif label != "LAW" and _is_law(name, label):
                label = "LAW"
            recent[name] = n
            out.append((name, label))
        return out

    def _patches(self, doc: Doc) -> Iterable[Span]:
        """Person names the small model missed: after a title, set off by commas after a person's role
        ("A spokesman for the Liberation Front, Karim Haddou, said"), or subject of a speech verb."""
        titles = self.rules.titles
        resume = 0  # a title's name was taken up to here
        for i in _patch_positions(doc, titles):
            if i < resume:
                continue
            tok = doc[i]
            if tok.text.lower().rstrip(".") in titles and tok.is_title:
                j = i + 1
                while j < len(doc) and doc[j].text.lower().rstrip(".") in titles and doc[j].is_title:
                    j += 1
                k = j
                while k < len(doc) and _name_word(doc[k]):
                    k += 1
                if k > j and doc[j - 1].text.lower().rstrip(".") in self.rules.heads:
                    yield Span(doc, j, k, label=PERSON)
                    resume = k
                    continue
            if i > 0 and doc[i - 1].text == "," and not tok.ent_type_:
                k = i
                while k < len(doc) and _name_word(doc[k]) and not doc[k].ent_type_:
                    k += 1
                if self.types.apposed_name_after_role(doc, i, k):
                    yield Span(doc, i, k, label=PERSON)
                    resume = k
                    continue
            if (tok.dep_ in ("nsubj", "nsubjpass") and _name_like(tok) and not tok.ent_type_
                    and tok.head.lemma_.lower() in self.rules.speech_lemmas):
                left = tok.i
                while left > 0 and doc[left - 1].dep_ in ("compound", "flat") and _name_word(doc[left - 1]):
                    left -= 1
                yield Span(doc, _hyphenated_start(doc, left), tok.i + 1, label=PERSON)


def _only_titles(span: Span, titles: frozenset[str], heads: frozenset[str]) -> bool:
    """ "Minister, the bank says …": a person's title as one word on its own names no one; a department
    word ("State", "Treasury") may name a body, and after a title it is a name ("Dr. King")."""
    words = [w.rstrip(".") for w in span.text.lower().split()]  # "Secretary-General" is one word
    if span.label_ != PERSON or len(words) != 1 or _office_of(words[0], titles, heads) is None:
        return False
    before = span.doc[span.start - 1].lower_.rstrip(".") if span.start else ""
    return before not in titles


def _office_of(word: str, titles: frozenset[str], heads: frozenset[str]) -> str | None:
    """The head title a one-word office spells: "minister", or "secretary-general" of
    "under-secretary-general" / "deputy-secretary-general" (title words before the hyphen)."""
    if word in heads:
        return word
    parts = word.split("-")
    for k in range(1, len(parts)):
        rest = "-".join(parts[k:])
        if rest in heads and all(p in titles or p == "under" for p in parts[:k]):
            return rest
    return None


def _patch_positions(doc: Doc, titles: frozenset[str]) -> list[int]:
    """The tokens ``_patches`` has to look at: a title word, or an unnamed subject (from the Doc's
    arrays: a Token per word of the article cost more than the patches themselves)."""
    strings = doc.vocab.strings
    subjects = {strings.add("nsubj"), strings.add("nsubjpass")}
    arr = doc.to_array([LOWER, IS_TITLE, DEP, ENT_TYPE])
    # column by column: a small list per token would wake the garbage collector over the whole heap
    lowers, is_title, deps, ents = (arr[:, k].tolist() for k in range(4))
    title_ids = {low for low in set(lowers) if strings[low].rstrip(".") in titles}
    comma = strings.add(",")
    after_comma = [False, *(low == comma for low in lowers[:-1])]
    return [
        i for i, (low, title, dep, ent) in enumerate(zip(lowers, is_title, deps, ents, strict=True))
        if (low in title_ids and title) or (not ent and (dep in subjects or (title and after_comma[i])))
    ]


def _dateline_spans(doc: Doc) -> Iterable[Span]:
    """The place (GPE) and agency (ORG) of a dateline ("GENEVA (Lakeside Press) —"), which the small
    model often leaves unnamed in capitals."""
    text = doc_text(doc)
    for line in line_starts(text):
        if not text[line : line + 1].isupper():
            continue
        place, agency = dateline_names(text, line)
        for found, label in ((place, "GPE"), (agency, "ORG")):
            span = doc.char_span(*found, label=label, alignment_mode="contract") if found else None
            if span is not None and len(span):
                yield span


def _hyphenated_start(doc: Doc, left: int, taken: set[int] | frozenset[int] = frozenset()) -> int:
    """The start of a name whose first word is hyphenated ("Jean-Claude Juncker" from "Claude")."""
    while (left > 1 and doc[left - 1].text == "-" and not doc[left - 2].whitespace_
           and not doc[left - 1].whitespace_ and doc[left - 2].is_title and left - 2 not in taken):
        left -= 2
    return left


def _with_surname_particles(found: list[Span], titles: frozenset[str]) -> list[Span]:
    """A person's surname the model took without its particles ("Berg" of "Van der Berg's son"), given
    the particles back when the article writes that particled surname for a person elsewhere."""
    particled = {
        p for e in found if e.label_ == PERSON
        for p in [particle_surname(clean_name(e.text, PERSON, titles))] if p is not None
    }
    if not particled:
        return found
    taken = {t.i for e in found for t in e}
    out = []
    for span in found:
        doc, left = span.doc, span.start
        while left > 0 and doc[left - 1].lower_ in SURNAME_PARTICLES and left - 1 not in taken:
            left -= 1
        name = " ".join(t.lower_ for t in doc[left : span.end])
        if span.label_ == PERSON and left < span.start and name in particled:
            span = Span(doc, left, span.end, label=PERSON)
        out.append(span)
    return out


def _office_word(span: Span) -> bool:
    """ "State" in "Secretary of State", "Finance" in "Minister of Finance", "Defense" in "Defense
    Secretary Lloyd Austin": part of an office's name, not an organisation."""
    doc, k = span.doc, span.start
    if len(span) != 1:
        return False
    after = doc[k + 1].lower_ if k + 1 < len(doc) else ""
    return (k > 1 and doc[k - 1].lower_ == "of" and doc[k - 2].lower_ in ("secretary", "minister")) or (
        after in _OFFICES and doc[k].lower_ in _PORTFOLIOS)  # not "NATO chief", "Labour spokesman"


_OFFICES = frozenset({"secretary", "minister", "ministry", "spokesman", "spokeswoman", "chief", "official",
                      "officials", "secretaries", "ministers"})
_PORTFOLIOS = frozenset({"defense", "defence", "finance", "interior", "foreign", "economy", "state",
                         "treasury", "health", "education", "justice", "energy", "transport", "trade"})


def _known_bodies(doc: Doc, found: list[Span]) -> list[Span]:
    """A one-word organisation the model tagged once and skipped elsewhere ("Nordair cancelled …",
    "Nordair's chief operating officer"): its other mentions as a proper noun (or a capitalised noun, as
    the tagger reads a name opening the text), so the sidebar counts them and "the airline said" finds
    the airline named before it."""
    names = {e.text for e in found if e.label_ == "ORG" and len(e) == 1 and e.text[:1].isupper()}
    if not names:
        return []
    taken = {t.i for e in found for t in e}
    return [Span(doc, i, i + 1, label="ORG") for i in positions_of(doc, names)
            if i not in taken and (doc[i].pos_ == "PROPN" or (doc[i].pos_ == "NOUN" and doc[i].is_title))]
