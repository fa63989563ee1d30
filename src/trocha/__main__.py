"""`python -m trocha` runs the command line."""

from trocha.cli import main

raise SystemExit(main())
