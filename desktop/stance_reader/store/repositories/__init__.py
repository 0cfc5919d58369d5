"""One repository per aggregate behind the :class:`~stance_reader.store.Store` facade: documents,
the analysis cache, highlights (with tags), and the library-wide search over them."""
