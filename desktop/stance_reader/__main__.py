"""`python -m stance_reader` runs the same CLI as the `stance-reader` console script."""

from stance_reader.cli import main

raise SystemExit(main())
