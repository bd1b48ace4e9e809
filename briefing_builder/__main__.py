"""Allow ``python -m briefing_builder``."""

from briefing_builder.cli import main

raise SystemExit(main())
